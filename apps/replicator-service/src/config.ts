import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/** PORT (default 7105), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config. */
export const configSchema = serviceConfigSchema(7105);

export type ReplicatorServiceConfig = z.output<typeof configSchema>;
