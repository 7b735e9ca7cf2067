import { httpUrl, serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';

const millis = (fallback: number, hint: string) => z.coerce.number().int().positive().default(fallback).describe(hint);

/**
 * PORT (default 7105), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config, plus
 * (docs/adr/0007-geo-replication.md):
 * - BLOB_DATA_SERVICE_URL: blob-data-service, whose internal replication API reads and writes the region stores.
 * - REPLICATION_WORKERS: streams copied at once; REPLICATION_LEASE_MS: how long a claimed stream is
 *   held before another worker may take it (a crashed worker's streams resume after this).
 * - SYNC_PROBE_INTERVAL_MS, PROGRESS_INTERVAL_MS, UNAVAILABLE_AFTER_MS: last sync time and its reports.
 * - FAILOVER_DRAIN_TIMEOUT_MS: how long a failover waits for the secondary to catch up before counting what it lacks.
 * - BLOB_DATA_TIMEOUT_MS: one call to blob-data-service.
 */
export const configSchema = serviceConfigSchema(7105).extend({
  BLOB_DATA_SERVICE_URL: httpUrl("blob-data-service's base URL, e.g. http://127.0.0.1:7104"),
  REPLICATION_WORKERS: z.coerce.number().int().min(1).max(64).default(8).describe('streams copied at once (1-64)'),
  REPLICATION_LEASE_MS: millis(30_000, 'how long a claimed stream is held by one worker'),
  SYNC_PROBE_INTERVAL_MS: millis(1_000, 'how often each geo-redundant account is compared between its stores'),
  PROGRESS_INTERVAL_MS: millis(1_000, 'at most one GeoReplicationProgressed per account per interval (status changes at once)'),
  UNAVAILABLE_AFTER_MS: millis(30_000, 'how long comparing or copying may fail before the status is Unavailable'),
  FAILOVER_DRAIN_TIMEOUT_MS: millis(30_000, 'how long a failover waits for the secondary to catch up'),
  BLOB_DATA_TIMEOUT_MS: millis(30_000, 'how long one call to blob-data-service may take'),
});

export type ReplicatorServiceConfig = z.output<typeof configSchema>;
