import { WRAPPED_KEY_BYTES } from '@atrest/crypto';

// A data key as the data plane stores it, base64 of:
//   [key id: 16 bytes (a UUID)][the DEK wrapped by the account's KEK: 61 bytes]
// The key id travels in the clear so unwrap can bind and audit it; it is
// also inside the associated data, so it cannot be swapped.

const KEY_ID_BYTES = 16;
const ENCODED_BYTES = KEY_ID_BYTES + WRAPPED_KEY_BYTES;

export interface WrappedDataKey {
  readonly keyId: string;
  readonly wrapped: Buffer;
}

const uuidOf = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const encodeWrappedDataKey = ({ keyId, wrapped }: WrappedDataKey): string =>
  Buffer.concat([Buffer.from(keyId.replace(/-/g, ''), 'hex'), wrapped]).toString('base64');

/** The parts of a wrapped data key, or undefined if it is not one (wrong length or not base64). */
export const decodeWrappedDataKey = (text: string): WrappedDataKey | undefined => {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== ENCODED_BYTES || bytes.toString('base64') !== text) return undefined;
  return { keyId: uuidOf(bytes.subarray(0, KEY_ID_BYTES)), wrapped: bytes.subarray(KEY_ID_BYTES) };
};
