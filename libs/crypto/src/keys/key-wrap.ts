import { KEY_BYTES, NONCE_BYTES, open, seal, TAG_BYTES } from '../aead/aes-gcm';
import { associatedData } from '../aead/associated-data';
import { DecryptionFailed } from '../aead/decryption-failed';

/**
 * What a wrapped key is bound to, purpose first, e.g. ["kek", account,
 * version] or ["dek", account, kekVersion, keyId]: unwrapping it under any
 * other binding fails, so a key wrapped for one account or version cannot be
 * passed off as another's.
 */
export type KeyBinding = readonly (string | number)[];

const FORMAT_V1 = 0x01;
const DOMAIN = 'atrest.key-wrap.v1';

/** Bytes of a wrapped 256-bit key: format byte, nonce, tag, ciphertext. */
export const WRAPPED_KEY_BYTES = 1 + NONCE_BYTES + TAG_BYTES + KEY_BYTES;

const aadOf = (binding: KeyBinding): Buffer => associatedData([DOMAIN, ...binding]);

/** AES-256-GCM of a 32-byte key under `kek`, bound to `binding`: [0x01][nonce 12][tag 16][ciphertext 32]. */
export const wrapKey = (kek: Uint8Array, key: Uint8Array, binding: KeyBinding): Buffer => {
  if (key.length !== KEY_BYTES) throw new RangeError(`only ${KEY_BYTES}-byte keys are wrapped, got ${key.length} bytes`);
  const { nonce, ciphertext, tag } = seal(kek, key, aadOf(binding));
  return Buffer.concat([Buffer.of(FORMAT_V1), nonce, tag, ciphertext], WRAPPED_KEY_BYTES);
};

/** The key inside `wrapped`, or DecryptionFailed if it is malformed, altered, or bound to something else. */
export const unwrapKey = (kek: Uint8Array, wrapped: Uint8Array, binding: KeyBinding): Buffer => {
  if (wrapped.length !== WRAPPED_KEY_BYTES) throw new DecryptionFailed(`a wrapped key is ${WRAPPED_KEY_BYTES} bytes, got ${wrapped.length}`);
  if (wrapped[0] !== FORMAT_V1) throw new DecryptionFailed('unknown wrapped key format');
  const bytes = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const tag = bytes.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const ciphertext = bytes.subarray(1 + NONCE_BYTES + TAG_BYTES);
  return open(kek, { nonce, ciphertext, tag }, aadOf(binding));
};
