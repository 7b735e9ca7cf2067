import { DomainError } from '@atrest/contracts';

/** An error that names a stable code: a DomainError, or a protocol error (StorageError, ArmError) made from one. */
const hasCode = (error: unknown): error is { code: string } =>
  error instanceof DomainError || (error instanceof Error && typeof (error as { code?: unknown }).code === 'string');

/** The error code `run` throws (domain and edge unit specs); fails the spec if it throws nothing or an error without a code. */
export const errorCodeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (hasCode(error)) return error.code;
    throw error;
  }
  throw new Error('expected an error with a code, but the call went through');
};
