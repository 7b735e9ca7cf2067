import { DomainError } from '@atrest/contracts';
import { StorageError } from './storage-error';
import { storageErrorCodes, type StorageErrorCode } from './storage-error-codes';

/** A StorageError for a known code, with Azure's standard message unless given one. */
export const storageError = (code: StorageErrorCode, message?: string, details?: Record<string, string>): StorageError => {
  const [status, standard] = storageErrorCodes[code];
  return new StorageError(status, code, message ?? standard, details);
};

/**
 * Any failure as the Blob service reports it: StorageErrors as they are,
 * domain errors by their code (unknown codes answer 400), everything else a
 * 500 InternalError whose details stay in the log.
 */
export const toStorageError = (exception: unknown): StorageError => {
  if (exception instanceof StorageError) return exception;
  if (exception instanceof DomainError) {
    const known = storageErrorCodes[exception.code as StorageErrorCode];
    return new StorageError(known?.[0] ?? 400, exception.code, exception.message || known?.[1] || exception.code);
  }
  return storageError('InternalError');
};
