import { randomUUID } from 'node:crypto';
import { generateKey, wrapKey } from '@atrest/crypto';
import { decodeWrappedDataKey, encodeWrappedDataKey } from './wrapped-data-key';

describe('wrapped data key format', () => {
  const keyId = randomUUID();
  const wrapped = wrapKey(generateKey(), generateKey(), ['dek', 'acct1', 1, keyId]);

  it('carries the key id in the clear next to the wrapped key (77 bytes, base64)', () => {
    const encoded = encodeWrappedDataKey({ keyId, wrapped });
    expect(Buffer.from(encoded, 'base64')).toHaveLength(77);
    expect(decodeWrappedDataKey(encoded)).toEqual({ keyId, wrapped });
  });

  it('is not a wrapped data key if the length or the base64 is off', () => {
    const encoded = encodeWrappedDataKey({ keyId, wrapped });
    expect(decodeWrappedDataKey(Buffer.from(encoded, 'base64').subarray(1).toString('base64'))).toBeUndefined();
    expect(decodeWrappedDataKey(`${encoded}AAAA`)).toBeUndefined();
    expect(decodeWrappedDataKey(encoded.replace(/=*$/, '!'))).toBeUndefined();
    expect(decodeWrappedDataKey('')).toBeUndefined();
  });
});
