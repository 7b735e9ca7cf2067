import { z } from 'zod';
import { featureStates } from '../../domain/subscription-registration';

const MAX_TOP = 1000;

/** GET /operator/feature-registrations?state=Pending&$top=100 */
export const listFeatureRegistrationsQuery = z.object({
  state: z.enum(featureStates, { error: `must be one of ${featureStates.join(', ')}` }).optional(),
  $top: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_TOP}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_TOP, `must be a whole number from 1 to ${MAX_TOP}`)
    .default(MAX_TOP),
});
