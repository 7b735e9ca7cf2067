import { DomainError } from '@atrest/contracts';

// Helpers for the domain unit specs (given events -> when command -> then events or error).

/** The DomainError code `run` throws; fails the spec if it throws nothing or something else. */
export const errorCodeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError, but the command succeeded');
};
