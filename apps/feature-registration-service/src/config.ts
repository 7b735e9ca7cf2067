import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/**
 * PORT (default 7102), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config.
 * FEATURE_APPROVAL_POLICY: `auto` (default) approves EncryptionAtRest requests once they have
 * waited FEATURE_APPROVAL_DELAY_MS (default 2000); `manual` leaves them to operators.
 */
export const configSchema = serviceConfigSchema(7102).extend({
  FEATURE_APPROVAL_POLICY: z.enum(['auto', 'manual'], { error: 'must be auto or manual' }).default('auto'),
  FEATURE_APPROVAL_DELAY_MS: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number of milliseconds (0 to 999999999)')
    .transform(Number)
    .default(2000),
});

export type FeatureRegistrationServiceConfig = z.output<typeof configSchema>;
