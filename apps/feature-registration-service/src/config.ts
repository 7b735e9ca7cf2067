import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/** PORT (default 7102), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config. */
export const configSchema = serviceConfigSchema(7102);

export type FeatureRegistrationServiceConfig = z.output<typeof configSchema>;
