import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/** PORT (default 7101), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config. */
export const configSchema = serviceConfigSchema(7101);

export type AccountServiceConfig = z.output<typeof configSchema>;
