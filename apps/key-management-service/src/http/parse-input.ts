import { ArmError } from '@atrest/azure-wire';
import { z } from 'zod';

/**
 * A request's body, path parameters or query checked against a schema; a
 * mismatch is a 400 in ARM form naming the field, without echoing the value
 * (it may be a key). `code` says which part was wrong.
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, code = 'InvalidRequestContent'): z.output<S> => {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new ArmError(400, code, `The request is invalid: ${field}: ${issue.message}`, field);
};
