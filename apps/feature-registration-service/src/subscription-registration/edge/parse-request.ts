import type { z } from 'zod';
import { ArmError } from '@atrest/azure-wire';

/** Parses a request body or query with its schema; a mismatch is a 400 ARM error naming the field. */
export const parseRequest = <S extends z.ZodType>(schema: S, value: unknown, code: string): z.output<S> => {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(request)'}: ${i.message}`);
  throw new ArmError(400, code, `The request is invalid: ${problems.join('; ')}`);
};
