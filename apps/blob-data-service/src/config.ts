import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/** PORT (default 7104), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config. */
export const configSchema = serviceConfigSchema(7104);

export type BlobDataServiceConfig = z.output<typeof configSchema>;
