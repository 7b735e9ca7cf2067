import { z } from 'zod';

/** POST .../reject body: why the request is turned down (kept in the event; no secrets belong here). */
export const rejectFeatureRegistrationSchema = z.object({
  reason: z.string({ error: 'required, a non-empty string' }).trim().min(1, 'must not be empty').max(1000, 'at most 1000 characters'),
});
