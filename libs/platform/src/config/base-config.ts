import { z } from 'zod';
import { brokerList, host, logLevel, port, postgresUrl } from './settings';

/**
 * Shapes every service's config is made of. A service spreads the ones it
 * needs into its own z.object (or calls serviceConfigSchema and .extend()s it).
 * No defaults for DATABASE_URL or KAFKA_BROKERS: a missing one is an error;
 * scripts/start.sh supplies the local values.
 */
export function httpSettings(defaultPort: number) {
  return { PORT: port(defaultPort), HOST: host(), LOG_LEVEL: logLevel() };
}

export const databaseSettings = {
  DATABASE_URL: postgresUrl("postgres URL of this service's own database, e.g. postgres://postgres@127.0.0.1:5432/atrest_accounts"),
};

export const kafkaSettings = {
  KAFKA_BROKERS: brokerList(),
  KAFKA_CLIENT_ID: z.string().optional(),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(64).default(3).describe('partitions of the topics a service creates (1-64)'),
};

/** PORT, HOST, LOG_LEVEL, DATABASE_URL, KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS. */
export function serviceConfigSchema(defaultPort: number) {
  return z.object({ ...httpSettings(defaultPort), ...databaseSettings, ...kafkaSettings });
}

export type HttpConfig = z.output<z.ZodObject<ReturnType<typeof httpSettings>>>;
export type ServiceConfig = z.output<ReturnType<typeof serviceConfigSchema>>;
