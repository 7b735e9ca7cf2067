import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

/** PORT (default 7103), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config. */
export const configSchema = serviceConfigSchema(7103);

export type KeyManagementServiceConfig = z.output<typeof configSchema>;
