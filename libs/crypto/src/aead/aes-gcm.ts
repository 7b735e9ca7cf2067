import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionFailed } from './decryption-failed';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

const ALGORITHM = 'aes-256-gcm';

/** One AES-256-GCM message: a fresh random 96-bit nonce, the ciphertext (as long as the plaintext) and the 128-bit tag. */
export interface Sealed {
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** A sealed message as one buffer, [nonce][ciphertext][tag] (how a package or a sealed account key is stored). */
export const sealedBytes = ({ nonce, ciphertext, tag }: Sealed): Buffer => Buffer.concat([nonce, ciphertext, tag]);

/** The parts of [nonce][ciphertext][tag], as views of `bytes` (too short a buffer fails to open, never reads past it). */
export const sealedFrom = (bytes: Buffer): Sealed => ({
  nonce: bytes.subarray(0, NONCE_BYTES),
  ciphertext: bytes.subarray(NONCE_BYTES, Math.max(NONCE_BYTES, bytes.length - TAG_BYTES)),
  tag: bytes.subarray(Math.max(NONCE_BYTES, bytes.length - TAG_BYTES)),
});

const checkKey = (key: Uint8Array): void => {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256-GCM needs a ${KEY_BYTES}-byte key, got ${key.length} bytes`);
};

/**
 * Encrypts and authenticates `plaintext`, binding it to `aad` (which is
 * authenticated, not encrypted). The nonce is 12 random bytes: a key must not
 * seal more than 2^32 messages (NIST SP 800-38D 8.3; see docs/adr/0005).
 * One pass, no intermediate copies: the ciphertext is the cipher's only
 * output buffer, so sealing 64 KiB packages costs one allocation each.
 */
export const seal = (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed => {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = cipher.update(plaintext);
  cipher.final(); // GCM produces no trailing block
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
};

/**
 * Decrypts a sealed message, or throws DecryptionFailed if anything (key,
 * nonce, ciphertext, tag, associated data) differs from what was sealed.
 * Never returns unauthenticated bytes.
 */
export const open = (key: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer => {
  checkKey(key);
  if (sealed.nonce.length !== NONCE_BYTES) throw new DecryptionFailed(`nonce must be ${NONCE_BYTES} bytes`);
  if (sealed.tag.length !== TAG_BYTES) throw new DecryptionFailed(`tag must be ${TAG_BYTES} bytes`);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  const plaintext = decipher.update(sealed.ciphertext);
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw new DecryptionFailed();
  }
  return plaintext;
};
