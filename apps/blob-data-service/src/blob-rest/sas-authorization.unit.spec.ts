import { errorCodeOf } from '@atrest/testing';
import type { OperationRoute } from './blob-operation';
import { checkSasCopySource, checkSasGrant, createsOnly } from './sas-authorization';

const getBlob: OperationRoute = { level: 'blob', methods: ['GET'], writes: false, sas: { permissions: 'r', service: true } };
const appendBlock: OperationRoute = { level: 'blob', methods: ['PUT'], comp: 'appendblock', writes: true, sas: { permissions: 'aw', service: true } };
const createContainer: OperationRoute = { level: 'container', methods: ['PUT'], restype: 'container', writes: true, sas: { permissions: 'cw', service: false } };
const putBlob: OperationRoute = { level: 'blob', methods: ['PUT'], writes: true, sas: { permissions: 'w', service: true, create: true } };
const containerAcl: OperationRoute = { level: 'container', methods: ['GET'], restype: 'container', comp: 'acl', writes: false, sas: { permissions: '', service: false } };

describe('checkSasGrant', () => {
  it('lets Shared Key requests (no grant) through', () => {
    expect(() => checkSasGrant(undefined, containerAcl, 'container')).not.toThrow();
  });

  it('needs one of the operation’s permission letters', () => {
    expect(() => checkSasGrant({ kind: 'blob', permissions: 'r' }, getBlob, 'blob')).not.toThrow();
    expect(() => checkSasGrant({ kind: 'container', permissions: 'a' }, appendBlock, 'blob')).not.toThrow();
    expect(errorCodeOf(() => checkSasGrant({ kind: 'blob', permissions: 'w' }, getBlob, 'blob'))).toBe('AuthorizationPermissionMismatch');
  });

  it('holds an account SAS to its resource types (s, c, o by level)', () => {
    expect(() => checkSasGrant({ kind: 'account', permissions: 'c', resourceTypes: 'c' }, createContainer, 'container')).not.toThrow();
    expect(errorCodeOf(() => checkSasGrant({ kind: 'account', permissions: 'rwc', resourceTypes: 'so' }, createContainer, 'container'))).toBe(
      'AuthorizationResourceTypeMismatch',
    );
  });

  it('lets c alone make a new blob (create-only: the commit refuses an existing one), but not append or stage', () => {
    expect(() => checkSasGrant({ kind: 'container', permissions: 'c' }, putBlob, 'blob')).not.toThrow();
    expect([createsOnly({ kind: 'container', permissions: 'c' }, putBlob), createsOnly({ kind: 'container', permissions: 'cw' }, putBlob), createsOnly(undefined, putBlob)]).toEqual([true, false, false]);
    expect(errorCodeOf(() => checkSasGrant({ kind: 'container', permissions: 'c' }, appendBlock, 'blob'))).toBe('AuthorizationPermissionMismatch');
    expect(createsOnly({ kind: 'container', permissions: 'c' }, appendBlock)).toBe(false);
  });

  it('keeps service SAS to the operations it may call, and container ACLs to Shared Key', () => {
    expect(errorCodeOf(() => checkSasGrant({ kind: 'container', permissions: 'rwdlc' }, createContainer, 'container'))).toBe('AuthorizationResourceTypeMismatch');
    expect(errorCodeOf(() => checkSasGrant({ kind: 'account', permissions: 'rwdlacup', resourceTypes: 'sco' }, containerAcl, 'container'))).toBe(
      'AuthorizationPermissionMismatch',
    );
  });
});

describe('checkSasCopySource', () => {
  const destination = { account: 'acct', container: 'photos' };

  it('lets a SAS copy only what it could read', () => {
    expect(() => checkSasCopySource(undefined, destination, { account: 'other', container: 'x' })).not.toThrow();
    expect(() => checkSasCopySource({ kind: 'container', permissions: 'rw' }, destination, { account: 'acct', container: 'photos' })).not.toThrow();
    expect(() => checkSasCopySource({ kind: 'account', permissions: 'rw', resourceTypes: 'o' }, destination, { account: 'acct', container: 'docs' })).not.toThrow();
    for (const [grant, source] of [
      [{ kind: 'container', permissions: 'w' }, { account: 'acct', container: 'photos' }],
      [{ kind: 'container', permissions: 'rw' }, { account: 'acct', container: 'docs' }],
      [{ kind: 'blob', permissions: 'rw' }, { account: 'acct', container: 'photos' }],
      [{ kind: 'account', permissions: 'rw', resourceTypes: 'sc' }, { account: 'acct', container: 'docs' }],
      [{ kind: 'account', permissions: 'rw', resourceTypes: 'sco' }, { account: 'other', container: 'photos' }],
    ] as const)
      expect(errorCodeOf(() => checkSasCopySource(grant, destination, source))).toBe('AuthorizationPermissionMismatch');
  });
});
