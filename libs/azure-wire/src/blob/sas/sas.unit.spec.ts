import {
  AccountSASPermissions,
  BlobSASPermissions,
  ContainerSASPermissions,
  generateAccountSASQueryParameters,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { StorageError } from '../storage-error';
import { SignatureMismatch } from '../shared-key/verify-shared-key';
import { decodeSasGrant, encodeSasGrant } from './sas-grant';
import { readSasToken } from './sas-token';
import { verifySas, type SasCheck } from './verify-sas';

// Tokens made by @azure/storage-blob's own SAS generators (the reference for
// what a client signs), checked as the gateway checks a request's query.

const ACCOUNT = 'sasacct';
const KEY1 = Buffer.alloc(64, 1).toString('base64');
const KEY2 = Buffer.alloc(64, 2).toString('base64');
const credential = (key: string) => new StorageSharedKeyCredential(ACCOUNT, key);
const NOW = new Date('2026-11-29T12:00:00Z');
const HOUR = 3_600_000;
const expiresOn = new Date(NOW.getTime() + HOUR);

const check = (over: Partial<SasCheck> = {}): SasCheck => ({
  account: ACCOUNT,
  keys: [KEY1, KEY2],
  now: NOW,
  container: 'photos',
  blob: '2026/cat picture.jpg',
  clientIp: '127.0.0.1',
  protocol: 'http',
  ...over,
});

const blobSas = (over: Record<string, unknown> = {}, key = KEY1) =>
  generateBlobSASQueryParameters(
    { containerName: 'photos', blobName: '2026/cat picture.jpg', permissions: BlobSASPermissions.parse('r'), expiresOn, ...over },
    credential(key),
  ).toString();

const containerSas = (over: Record<string, unknown> = {}) =>
  generateBlobSASQueryParameters({ containerName: 'photos', permissions: ContainerSASPermissions.parse('rwl'), expiresOn, ...over }, credential(KEY1)).toString();

const accountSas = (over: Record<string, unknown> = {}) =>
  generateAccountSASQueryParameters(
    { permissions: AccountSASPermissions.parse('rwdlc'), services: 'b', resourceTypes: 'sco', expiresOn, ...over },
    credential(KEY1),
  ).toString();

const verify = (query: string, over: Partial<SasCheck> = {}) => verifySas(readSasToken(query)!, check(over));

const refusal = (call: () => unknown): { code: string; detail?: string } => {
  try {
    call();
  } catch (error) {
    if (error instanceof StorageError) return { code: error.code, detail: error.details?.AuthenticationErrorDetail };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('shared access signatures as the SDK makes them', () => {
  it('accepts a blob SAS (names decoded into the signed resource) and tells which key signed it', () => {
    expect(verify(blobSas())).toEqual({ key: 0, grant: { kind: 'blob', permissions: 'r' } });
    expect(verify(blobSas({}, KEY2)).key).toBe(1);
  });

  it('accepts a container SAS for any blob of its container, and for the container itself', () => {
    expect(verify(containerSas()).grant).toEqual({ kind: 'container', permissions: 'rwl' });
    expect(verify(containerSas(), { blob: undefined }).grant.kind).toBe('container');
  });

  it('accepts an account SAS, at any level', () => {
    expect(verify(accountSas(), { container: undefined, blob: undefined }).grant).toEqual({ kind: 'account', permissions: 'rwdlc', resourceTypes: 'sco' });
  });

  it('accepts the older formats: service SAS 2019-12-12 (no encryption scope line), account SAS 2019-12-12', () => {
    expect(verify(blobSas({ version: '2019-12-12' })).grant.kind).toBe('blob');
    expect(verify(accountSas({ version: '2019-12-12' })).grant.kind).toBe('account');
  });

  it('refuses a SAS for another blob or container, or whose parameters were changed, as a signature mismatch', () => {
    expect(() => verify(blobSas(), { blob: 'other.jpg' })).toThrow(SignatureMismatch);
    expect(() => verify(containerSas(), { container: 'other' })).toThrow(SignatureMismatch);
    expect(() => verify(blobSas().replace('sp=r', 'sp=rw'))).toThrow(SignatureMismatch);
    expect(() => verify(accountSas().replace('srt=sco', 'srt=scoo'))).toThrow(SignatureMismatch);
    expect(() => verify(blobSas(), { keys: [Buffer.alloc(64, 9).toString('base64')] })).toThrow(SignatureMismatch);
  });

  it('refuses a blob SAS for a container request', () => {
    expect(refusal(() => verify(blobSas(), { blob: undefined })).code).toBe('AuthorizationResourceTypeMismatch');
  });

  it('refuses outside the time frame: expired, not yet started', () => {
    expect(refusal(() => verify(blobSas({ expiresOn: new Date(NOW.getTime() - 1000) }))).detail).toMatch(/^Signature not valid in the specified time frame/);
    expect(refusal(() => verify(blobSas({ startsOn: new Date(NOW.getTime() + 60_000) }))).detail).toMatch(/^Signature not valid in the specified time frame/);
    expect(verify(blobSas({ startsOn: new Date(NOW.getTime() - 60_000) })).grant.kind).toBe('blob');
  });

  it('checks the protocol and the caller address', () => {
    expect(refusal(() => verify(blobSas({ protocol: SASProtocol.Https }))).code).toBe('AuthorizationProtocolMismatch');
    expect(verify(blobSas({ protocol: SASProtocol.HttpsAndHttp })).grant.kind).toBe('blob');
    expect(verify(blobSas({ ipRange: { start: '127.0.0.1' } }), { clientIp: '::ffff:127.0.0.1' }).grant.kind).toBe('blob');
    expect(verify(blobSas({ ipRange: { start: '10.0.0.1', end: '10.0.0.9' } }), { clientIp: '10.0.0.5' }).grant.kind).toBe('blob');
    expect(refusal(() => verify(blobSas({ ipRange: { start: '10.0.0.1', end: '10.0.0.9' } }), { clientIp: '10.0.0.10' })).code).toBe('AuthorizationSourceIPMismatch');
    expect(refusal(() => verify(blobSas({ ipRange: { start: '127.0.0.1' } }), { clientIp: '::1' })).code).toBe('AuthorizationSourceIPMismatch');
  });

  it('refuses an account SAS that does not cover the Blob service', () => {
    expect(refusal(() => verify(accountSas({ services: 'q' }))).code).toBe('AuthorizationServiceMismatch');
  });

  it('refuses what atrest does not serve, saying which parameter, instead of ignoring it', () => {
    expect(refusal(() => readSasToken(`${accountSas()}&si=policy-1`)).detail).toMatch(/account SAS cannot refer to a stored access policy/);
    expect(refusal(() => readSasToken(`${blobSas()}&sig=again`)).detail).toMatch(/sig is given twice/);
    expect(refusal(() => readSasToken('sv=2026-04-06&sr=b&sig=abc')).detail).toMatch(/no sp parameter/);
    expect(refusal(() => readSasToken('sv=2026-04-06&sr=bs&sp=r&se=2026-12-01&sig=abc')).detail).toMatch(/sr='bs' is not supported/);
    expect(refusal(() => verify(blobSas({ version: '2015-04-05' }))).detail).toMatch(/2018-11-09 or later/);
  });

  it('takes an encryption scope (ses) only when it is the account’s own: another would seal writes otherwise than asked', () => {
    expect(verify(blobSas({ encryptionScope: '$account-encryption-key' })).key).toBe(0);
    expect(verify(accountSas({ encryptionScope: '$account-encryption-key' })).key).toBe(0);
    expect(refusal(() => readSasToken(blobSas({ encryptionScope: 'tenant-a' })))).toEqual({
      code: 'AuthenticationFailed',
      detail: expect.stringMatching(/^ses: The encryption scope 'tenant-a' does not exist: an atrest account has only its own, \$account-encryption-key/),
    });
    expect(refusal(() => readSasToken(accountSas({ encryptionScope: 'tenant-a' }))).code).toBe('AuthenticationFailed');
  });

  it('signs response header overrides and hands them on in the grant; an account SAS cannot carry them', () => {
    const overriding = blobSas({ contentType: 'text/csv', contentDisposition: 'attachment; filename="q4 report.csv"', cacheControl: 'no-store' });
    expect(verify(overriding).grant).toEqual({
      kind: 'blob',
      permissions: 'r',
      responseHeaders: { contentType: 'text/csv', contentDisposition: 'attachment; filename="q4 report.csv"', cacheControl: 'no-store' },
    });
    expect(() => verify(overriding.replace('rsct=text%2Fcsv', 'rsct=text%2Fhtml'))).toThrow(SignatureMismatch);
    expect(() => verify(`${blobSas()}&rsct=text%2Fhtml`)).toThrow(SignatureMismatch);
    expect(refusal(() => readSasToken(`${accountSas()}&rscd=attachment`)).detail).toMatch(/need a service SAS/);
  });

  it('signs a stored access policy id (si) and hands it on with the token’s own times, for the service to complete', () => {
    expect(verify(containerSas({ identifier: 'readers', expiresOn: undefined, permissions: undefined })).grant).toEqual({
      kind: 'container',
      permissions: '',
      storedPolicy: { id: 'readers', start: '', expiry: '' },
    });
    const withOwnExpiry = containerSas({ identifier: 'readers', permissions: undefined });
    expect(verify(withOwnExpiry).grant).toMatchObject({ storedPolicy: { id: 'readers', expiry: expiresOn.toISOString().replace('.000', '') } });
    expect(() => verify(withOwnExpiry.replace('si=readers', 'si=writers'))).toThrow(SignatureMismatch);
    expect(refusal(() => readSasToken('sv=2026-04-06&sr=c&sig=abc')).detail).toMatch(/no sp parameter/);
  });

  it('reads no SAS from a query without sig', () => {
    expect(readSasToken('comp=list&restype=container')).toBeUndefined();
    expect(readSasToken('')).toBeUndefined();
  });

  it('carries a grant to blob-data-service and back unchanged; anything else is no grant', () => {
    for (const grant of [
      { kind: 'account', permissions: 'rl', resourceTypes: 'co' },
      { kind: 'container', permissions: 'rwl' },
      { kind: 'blob', permissions: 'r' },
      { kind: 'blob', permissions: 'r', responseHeaders: { contentDisposition: 'attachment; filename*=UTF-8\'\'r\u00e9sum\u00e9.pdf', contentLanguage: 'de' } },
      { kind: 'container', permissions: '', storedPolicy: { id: 'readers', start: '', expiry: '2026-12-01T00:00:00Z' } },
    ] as const) {
      const header = encodeSasGrant(grant);
      expect(header).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeSasGrant(header)).toEqual(grant);
    }
    expect(decodeSasGrant(undefined)).toBeUndefined();
    expect(decodeSasGrant('%7B')).toBeUndefined();
    expect(decodeSasGrant(encodeURIComponent(JSON.stringify({ kind: 'owner', permissions: 'rwdl' })))).toBeUndefined();
    expect(decodeSasGrant(encodeURIComponent(JSON.stringify({ kind: 'account', permissions: 'r', resourceTypes: 'o', responseHeaders: {} })))).toBeUndefined();
  });
});
