import { DomainError } from '@atrest/contracts';

/** The DomainError code `run` throws (domain unit specs); fails the spec if it throws nothing or something else. */
export const errorCodeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError, but the call went through');
};
