import { associatedData, NONCE_BYTES, open, seal, sealedFrom, TAG_BYTES } from '@atrest/crypto';

// The stored form of an extent (docs/adr/0006-encrypted-extent-store.md):
// packages of 64 KiB plaintext (the last one shorter), concatenated. An
// encrypted package is [nonce 12][ciphertext][tag 16]; a plain one is the
// plaintext alone. Pure: no I/O.

export const PACKAGE_BYTES = 64 * 1024;
export const EXTENT_BYTES = 4 * 1024 * 1024;
export const PACKAGES_PER_EXTENT = EXTENT_BYTES / PACKAGE_BYTES;
/** What sealing adds to a package. */
export const PACKAGE_OVERHEAD = NONCE_BYTES + TAG_BYTES;

export type ExtentKind = 'data' | 'metadata';

/** What an extent's packages are bound to: moved anywhere else, they no longer authenticate. */
export interface ExtentBinding {
  readonly account: string;
  readonly container: string;
  readonly blob: string;
  readonly extentId: string;
  readonly kind: ExtentKind;
}

export const packageCount = (size: number): number => Math.ceil(size / PACKAGE_BYTES);

/** Stored bytes of an extent holding `size` bytes of plaintext. */
export const storedSize = (size: number, encrypted: boolean): number => size + (encrypted ? packageCount(size) * PACKAGE_OVERHEAD : 0);

/** Where package `index` starts in the stored bytes, and how long it is. */
export const packageSpan = (size: number, encrypted: boolean, index: number): { offset: number; length: number } => {
  const plain = Math.min(PACKAGE_BYTES, size - index * PACKAGE_BYTES);
  const overhead = encrypted ? PACKAGE_OVERHEAD : 0;
  return { offset: index * (PACKAGE_BYTES + overhead), length: plain + overhead };
};

const aadOf = (binding: ExtentBinding, index: number, final: boolean): Buffer =>
  associatedData(['atrest.blob.package.v1', binding.account, binding.container, binding.blob, binding.extentId, binding.kind, index, final ? 1 : 0]);

/**
 * [nonce][ciphertext][tag] of one package, bound to its extent, index and
 * whether it is the extent's last: as three parts, written to a file as
 * they are (joining them would copy every package once more).
 */
export const sealPackage = (key: Buffer, plaintext: Buffer, binding: ExtentBinding, index: number, final: boolean): readonly Buffer[] => {
  const { nonce, ciphertext, tag } = seal(key, plaintext, aadOf(binding, index, final));
  return [nonce, ciphertext, tag];
};

/** The plaintext of a sealed package, or DecryptionFailed if it is not exactly what was sealed there. */
export const openPackage = (key: Buffer, stored: Buffer, binding: ExtentBinding, index: number, final: boolean): Buffer =>
  open(key, sealedFrom(stored), aadOf(binding, index, final));
