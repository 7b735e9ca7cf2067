import type { ExtentBinding } from './package-format';

/**
 * Stored bytes that are not what was written there: a flipped byte, a
 * truncated extent, an extent moved from another blob. Answered as 500
 * InternalError (never with the bytes); the message is for the log only.
 */
export class ExtentIntegrityError extends Error {
  constructor(binding: ExtentBinding, detail: string) {
    super(
      `integrity check failed for ${binding.kind} extent ${binding.extentId} of blob ${binding.account}/${binding.container}/${binding.blob}: ${detail}`,
    );
    this.name = 'ExtentIntegrityError';
  }
}
