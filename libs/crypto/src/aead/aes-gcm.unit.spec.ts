import { createCipheriv } from 'node:crypto';
import { generateKey } from '../keys/generate-key';
import { KEY_BYTES, NONCE_BYTES, open, seal, TAG_BYTES } from './aes-gcm';
import { associatedData } from './associated-data';
import { DecryptionFailed } from './decryption-failed';

const PACKAGE = 64 * 1024;
const aad = associatedData(['acct1', 'container', 'blob', 0]);

const flip = (bytes: Buffer, at: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
};

describe('seal / open (AES-256-GCM)', () => {
  const key = generateKey();
  const plaintext = Buffer.alloc(PACKAGE, 'atrest-marker ');

  it('round-trips a 64 KiB package with a 12-byte nonce and a 16-byte tag, ciphertext as long as the plaintext', () => {
    const sealed = seal(key, plaintext, aad);
    expect(sealed.nonce).toHaveLength(NONCE_BYTES);
    expect(sealed.tag).toHaveLength(TAG_BYTES);
    expect(sealed.ciphertext).toHaveLength(PACKAGE);
    expect(sealed.ciphertext.includes('atrest-marker')).toBe(false);
    expect(open(key, sealed, aad).equals(plaintext)).toBe(true);
  });

  it('is standard AES-256-GCM (the data plane or another tool can open it with the same inputs)', () => {
    const sealed = seal(key, plaintext, aad);
    const cipher = createCipheriv('aes-256-gcm', key, sealed.nonce);
    cipher.setAAD(aad);
    expect(cipher.update(plaintext).equals(sealed.ciphertext)).toBe(true);
    cipher.final();
    expect(cipher.getAuthTag().equals(sealed.tag)).toBe(true);
  });

  it('uses a fresh nonce every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => seal(key, Buffer.from('x'), aad).nonce.toString('hex')));
    expect(nonces.size).toBe(1000);
  });

  it('seals an empty plaintext too (authenticates the associated data alone)', () => {
    const sealed = seal(key, Buffer.alloc(0), aad);
    expect(open(key, sealed, aad)).toHaveLength(0);
    expect(() => open(key, sealed, associatedData(['other']))).toThrow(DecryptionFailed);
  });

  describe('refuses anything that is not exactly what was sealed', () => {
    const sealed = seal(key, plaintext, aad);

    it.each([
      ['a flipped ciphertext bit (first byte)', { ...sealed, ciphertext: flip(sealed.ciphertext, 0) }],
      ['a flipped ciphertext bit (last byte)', { ...sealed, ciphertext: flip(sealed.ciphertext, PACKAGE - 1) }],
      ['a flipped tag bit', { ...sealed, tag: flip(sealed.tag, 7) }],
      ['a flipped nonce bit', { ...sealed, nonce: flip(sealed.nonce, 11) }],
      ['a truncated ciphertext', { ...sealed, ciphertext: sealed.ciphertext.subarray(0, PACKAGE - 1) }],
      ['a truncated tag', { ...sealed, tag: sealed.tag.subarray(0, 12) }],
    ])('%s', (_, tampered) => {
      expect(() => open(key, tampered, aad)).toThrow(DecryptionFailed);
    });

    it('the right ciphertext under other associated data (moved to another blob or offset)', () => {
      expect(() => open(key, sealed, associatedData(['acct1', 'container', 'blob', 65536]))).toThrow(DecryptionFailed);
      expect(() => open(key, sealed, associatedData(['acct2', 'container', 'blob', 0]))).toThrow(DecryptionFailed);
    });

    it('the wrong key', () => {
      expect(() => open(generateKey(), sealed, aad)).toThrow(DecryptionFailed);
    });

    it('and its error carries no bytes of the message', () => {
      const error = (() => {
        try {
          open(generateKey(), sealed, aad);
        } catch (e) {
          return e as DecryptionFailed;
        }
      })();
      expect(error).toBeInstanceOf(DecryptionFailed);
      expect(error?.code).toBe('DecryptionFailed');
      expect(JSON.stringify({ ...error, message: error?.message })).not.toContain('atrest-marker');
    });
  });

  it('accepts only 256-bit keys', () => {
    expect(() => seal(Buffer.alloc(16), plaintext, aad)).toThrow(`AES-256-GCM needs a ${KEY_BYTES}-byte key, got 16 bytes`);
    expect(() => open(Buffer.alloc(31), seal(key, plaintext, aad), aad)).toThrow(RangeError);
  });
});

describe('associatedData', () => {
  it('encodes parts unambiguously', () => {
    expect(associatedData(['ab', 'c']).equals(associatedData(['a', 'bc']))).toBe(false);
    expect(associatedData(['a', ''])).toEqual(Buffer.from([0, 0, 0, 1, 0x61, 0, 0, 0, 0]));
    expect(associatedData([1, 'x']).equals(associatedData(['1', 'x']))).toBe(true);
  });
});
