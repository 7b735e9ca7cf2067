import { DomainError } from '@atrest/contracts';
import type { RewrapError } from './rewrap-job';

/**
 * Why a job stopped, as the account's owner may read it: a revoked customer
 * key and an unreachable key service or store say so; anything else (a bug,
 * a tampered wrapped key) only that it is retried, the details in the log.
 */
export const blockedReason = (error: unknown): RewrapError => {
  if (error instanceof DomainError && error.code === 'KeyVaultEncryptionKeyNotFound')
    return {
      code: error.code,
      message: "The customer-managed key protecting the account's key-encryption keys is revoked or missing; the re-wrap resumes once it is restored.",
    };
  if (error instanceof DomainError && error.code === 'ServerBusy') return { code: error.code, message: `${error.message} The re-wrap is retried.` };
  return { code: 'InternalError', message: 'Re-wrapping the stored data keys failed unexpectedly; it is retried.' };
};
