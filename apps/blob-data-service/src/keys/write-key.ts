import type { DataKeyRef } from './data-key-cache';

/**
 * Packages one data key may seal (docs/adr/0005: with random 96-bit nonces,
 * 2^28 messages keep the collision chance at 2^-41, 16x below NIST's cap).
 */
export const MAX_PACKAGES_PER_KEY = 2 ** 28;

/** The account's current key for sealing new packages. */
export interface WriteKey extends DataKeyRef {
  readonly key: Buffer;
  readonly wrappedKey: string;
  readonly issuedAt: number;
  /** Packages sealed so far (reserved before sealing). */
  sealed: number;
}

/** Retire the key after its package budget or its lifetime, whichever comes first. */
export const isWriteKeySpent = (key: WriteKey, now: number, ttlMs: number, maxPackages = MAX_PACKAGES_PER_KEY): boolean =>
  key.sealed >= maxPackages || now - key.issuedAt >= ttlMs;
