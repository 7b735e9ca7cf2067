import { DomainError } from '@atrest/contracts';

/** The code of the refusal `run` throws (domain unit specs); fails when nothing is refused. */
export const refusalCode = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
};
