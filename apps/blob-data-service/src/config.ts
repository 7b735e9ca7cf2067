import { httpUrl, serviceConfigSchema, unixSocketPath } from '@atrest/platform';
import { z } from 'zod';
import { regionDatabaseTemplate } from './region-stores/region-database-url';

const positiveInt = (fallback: number, hint: string) => z.coerce.number().int().positive().default(fallback).describe(hint);

/**
 * PORT (default 7104), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config.
 * REGION_DATABASE_URL_TEMPLATE: where each region's store lives ("{region}" in the database name;
 *   default: DATABASE_URL's database name + "_{region}").
 * EXTENT_DATA_DIR: the folder of the extent files (required; each region store gets
 *   `<EXTENT_DATA_DIR>/<its database name>/`, docs/adr/0006 "Extent files").
 * KMS_URL + KMS_CLIENT_SECRET: key-management-service's internal API and this service's credential
 *   (required: a data plane that may be asked to encrypt needs its key service).
 * KMS_TIMEOUT_MS, DEK_CACHE_TTL_SECONDS, DEK_CACHE_MAX_ENTRIES: docs/adr/0005 and 0006.
 * RETIRED_EXTENT_GRACE_SECONDS: how long an extent a change stopped referencing stays readable
 *   for reads under way (docs/adr/0006, "Reads while a blob changes").
 * BLOB_ENDPOINT_BASE: the public Blob endpoint, for the ServiceEndpoint of list answers.
 * GATEWAY_SOCKET: a Unix socket this service also answers on, for an api-gateway on the same
 *   host (its BLOB_DATA_SERVICE_SOCKET): the same HTTP API as on PORT, without TCP's cost on
 *   every byte of blob data (docs/architecture.md, "The gateway hop").
 */
export const configSchema = serviceConfigSchema(7104).extend({
  REGION_DATABASE_URL_TEMPLATE: regionDatabaseTemplate.optional(),
  EXTENT_DATA_DIR: z
    .string()
    .trim()
    .min(1, 'must name a folder for the extent files, e.g. /var/lib/atrest/extents')
    .describe('folder of the extent files (created if missing), one sub-folder per region store'),
  KMS_URL: httpUrl("key-management-service's base URL, e.g. http://127.0.0.1:7103"),
  KMS_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters').describe("this service's entry in key-management-service's KMS_CLIENTS"),
  KMS_TIMEOUT_MS: positiveInt(5_000, 'how long a key-service call may take before the request answers 503'),
  DEK_CACHE_TTL_SECONDS: positiveInt(60, 'absolute lifetime of a cached data key (the revocation bound)'),
  DEK_CACHE_MAX_ENTRIES: positiveInt(4_096, 'unwrapped data keys kept for reads'),
  RETIRED_EXTENT_GRACE_SECONDS: positiveInt(900, 'how long a read may go on delivering a version of a blob that has since changed'),
  BLOB_ENDPOINT_BASE: httpUrl('the public Blob endpoint').default('http://127.0.0.1:10000'),
  GATEWAY_SOCKET: unixSocketPath('a Unix socket to answer on besides PORT, for an api-gateway on the same host'),
});

export type BlobDataServiceConfig = z.output<typeof configSchema>;
