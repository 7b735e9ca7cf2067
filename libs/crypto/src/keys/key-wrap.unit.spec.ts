import { DecryptionFailed } from '../aead/decryption-failed';
import { generateKey } from './generate-key';
import { unwrapKey, wrapKey, WRAPPED_KEY_BYTES } from './key-wrap';

describe('wrapKey / unwrapKey', () => {
  const kek = generateKey();
  const dek = generateKey();
  const binding = ['dek', 'acct1', 3, 'key-id-1'] as const;

  it('wraps a 256-bit key into 61 bytes that do not contain it, and unwraps it back', () => {
    const wrapped = wrapKey(kek, dek, binding);
    expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
    expect(wrapped.includes(dek)).toBe(false);
    expect(unwrapKey(kek, wrapped, binding).equals(dek)).toBe(true);
  });

  it('wraps the same key differently every time (fresh nonce)', () => {
    expect(wrapKey(kek, dek, binding).equals(wrapKey(kek, dek, binding))).toBe(false);
  });

  it.each([
    ['another account', ['dek', 'acct2', 3, 'key-id-1']],
    ['another key version', ['dek', 'acct1', 2, 'key-id-1']],
    ['another purpose', ['kek', 'acct1', 3, 'key-id-1']],
    ['another key id', ['dek', 'acct1', 3, 'key-id-2']],
    ['a shorter binding', ['dek', 'acct1', 3]],
  ])('refuses to unwrap under %s', (_, other) => {
    const wrapped = wrapKey(kek, dek, binding);
    expect(() => unwrapKey(kek, wrapped, other)).toThrow(DecryptionFailed);
  });

  it('refuses a wrong KEK, a tampered byte anywhere, a wrong length or an unknown format', () => {
    const wrapped = wrapKey(kek, dek, binding);
    expect(() => unwrapKey(generateKey(), wrapped, binding)).toThrow(DecryptionFailed);
    for (let at = 1; at < WRAPPED_KEY_BYTES; at++) {
      const tampered = Buffer.from(wrapped);
      tampered[at] ^= 0x80;
      expect(() => unwrapKey(kek, tampered, binding)).toThrow(DecryptionFailed);
    }
    expect(() => unwrapKey(kek, wrapped.subarray(0, 60), binding)).toThrow('a wrapped key is 61 bytes, got 60');
    const otherFormat = Buffer.from(wrapped);
    otherFormat[0] = 0x02;
    expect(() => unwrapKey(kek, otherFormat, binding)).toThrow('unknown wrapped key format');
  });

  it('works on a wrapped key that is a view into a larger buffer (e.g. parsed from a record)', () => {
    const record = Buffer.concat([Buffer.from('header'), wrapKey(kek, dek, binding), Buffer.from('trailer')]);
    const view = record.subarray(6, 6 + WRAPPED_KEY_BYTES);
    expect(unwrapKey(kek, view, binding).equals(dek)).toBe(true);
  });

  it('wraps only 256-bit keys', () => {
    expect(() => wrapKey(kek, Buffer.alloc(16), binding)).toThrow(RangeError);
  });
});

describe('generateKey', () => {
  it('returns 32 random bytes', () => {
    const keys = Array.from({ length: 100 }, () => generateKey().toString('hex'));
    expect(keys.every((k) => k.length === 64)).toBe(true);
    expect(new Set(keys).size).toBe(100);
  });
});
