import { ArmError } from '@atrest/azure-wire';
import type { z } from 'zod';

/**
 * Checks a request body's JSON shape (types, not business values: those are
 * the domain's) and turns a mismatch into ARM's InvalidRequestContent naming
 * the field. Unknown fields are dropped, as ARM ignores them. A missing body is `{}`.
 */
export const parseArmBody = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
  throw new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${problems}.`);
};
