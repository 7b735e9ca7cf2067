import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: Uint8Array | string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether two secrets are equal, in time that depends on neither their
 * contents nor where they differ (nor, beyond hashing, their lengths):
 * both sides are hashed to 32 bytes and compared with timingSafeEqual.
 */
export const constantTimeEqual = (a: Uint8Array | string, b: Uint8Array | string): boolean =>
  timingSafeEqual(digest(a), digest(b));
