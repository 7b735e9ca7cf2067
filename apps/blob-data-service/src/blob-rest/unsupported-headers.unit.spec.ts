import { errorCodeOf } from '@atrest/testing';
import type { OperationRoute } from './blob-operation';
import { refuseUnsupportedHeaders } from './unsupported-headers';

const putBlob: OperationRoute = { level: 'blob', methods: ['PUT'], writes: true, sas: { permissions: 'w', service: true } };
const copyBlob: OperationRoute = { ...putBlob, headers: ['x-ms-copy-source'] };
const leaseBlob: OperationRoute = { ...putBlob, comp: 'lease' };

const check = (route: OperationRoute, headers: Record<string, string>) => () => refuseUnsupportedHeaders(route, route.comp, (name) => headers[name]);
const refusal = (route: OperationRoute, headers: Record<string, string>) => errorCodeOf(check(route, headers));

describe('refuseUnsupportedHeaders', () => {
  it('lets through what the operation does with its headers', () => {
    expect(check(copyBlob, { 'x-ms-copy-source': 'http://host/a/c/b' })).not.toThrow();
    expect(check(leaseBlob, { 'x-ms-lease-action': 'acquire' })).not.toThrow();
    expect(check(putBlob, { 'x-ms-blob-type': 'BlockBlob', 'x-ms-encryption-algorithm': 'AES256' })).not.toThrow();
  });

  it('refuses, rather than ignores, what would change the operation in a way atrest cannot', () => {
    expect(refusal(putBlob, { 'x-ms-copy-source': 'http://host/a/c/b' })).toBe('UnsupportedHeader');
    expect(refusal(putBlob, { 'x-ms-lease-action': 'acquire' })).toBe('UnsupportedHeader');
    for (const name of ['x-ms-tags', 'x-ms-if-tags', 'x-ms-legal-hold', 'x-ms-content-crc64', 'x-ms-structured-body', 'x-ms-access-tier-if-modified-since'])
      expect(refusal(putBlob, { [name]: 'x' })).toBe('UnsupportedHeader');
  });
});
