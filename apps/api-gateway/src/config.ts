import { httpSettings, httpUrl, port, unixSocketPath } from '@atrest/platform';
import { z } from 'zod';

/**
 * Where the dev CA, the TLS server certificate and the token-signing key
 * live, and whom tokens are for. Shared by the gateway and the token command
 * (`npm run token`), so both use the same key.
 */
export const devTrustSettings = {
  ATREST_DEV_DIR: z.string().default('.atrest/dev-ca').describe('folder for the dev CA, TLS certificate and token key (relative to the working directory)'),
  ARM_TOKEN_AUDIENCE: z.string().default('https://management.azure.com/'),
};

/** A duration setting in milliseconds (at most 9999999), from `min` up. */
const milliseconds = (min: 0 | 1, fallback: number) =>
  z
    .string()
    .regex(min === 0 ? /^\d{1,7}$/ : /^[1-9]\d{0,6}$/, `must be a number of milliseconds (${min}-9999999)`)
    .transform(Number)
    .default(fallback);

/**
 * Internal port 7100 (health, readiness); the ARM management plane over
 * HTTPS on ARM_PORT and the Blob data plane over HTTP on BLOB_PORT and over
 * HTTPS on BLOB_HTTPS_PORT (same HOST, same dev certificate as ARM); how long a service behind it may stay silent before the caller gets
 * a 504 (ARM) or 500 OperationTimedOut (Blob); how long account keys looked
 * up for Shared Key are trusted (a regenerated key keeps working, and a new
 * account stays unknown, at most that long); the services' URLs, all required;
 * BLOB_DATA_SERVICE_SOCKET, blob-data-service's GATEWAY_SOCKET when it runs on
 * the same host: requests to it then go there instead of to its URL's host
 * and port (docs/architecture.md, "The gateway hop").
 */
export const configSchema = z.object({
  ...httpSettings(7100),
  ARM_PORT: port(8443),
  BLOB_PORT: port(10000),
  BLOB_HTTPS_PORT: port(10443),
  ...devTrustSettings,
  DOWNSTREAM_TIMEOUT_MS: milliseconds(1, 30_000),
  ACCOUNT_KEYS_TTL_MS: milliseconds(0, 5_000),
  ACCOUNT_KEYS_NEGATIVE_TTL_MS: milliseconds(0, 1_000),
  ACCOUNT_SERVICE_URL: httpUrl('base URL of account-service, e.g. http://127.0.0.1:7101'),
  FEATURE_REGISTRATION_SERVICE_URL: httpUrl('base URL of feature-registration-service, e.g. http://127.0.0.1:7102'),
  KEY_MANAGEMENT_SERVICE_URL: httpUrl('base URL of key-management-service, e.g. http://127.0.0.1:7103'),
  BLOB_DATA_SERVICE_URL: httpUrl('base URL of blob-data-service, e.g. http://127.0.0.1:7104'),
  BLOB_DATA_SERVICE_SOCKET: unixSocketPath("blob-data-service's GATEWAY_SOCKET, when it runs on this host"),
  REPLICATOR_SERVICE_URL: httpUrl('base URL of replicator-service, e.g. http://127.0.0.1:7105'),
});

export type ApiGatewayConfig = z.output<typeof configSchema>;

export type DownstreamName =
  | 'account-service'
  | 'feature-registration-service'
  | 'key-management-service'
  | 'blob-data-service'
  | 'replicator-service';

export interface Downstream {
  name: DownstreamName;
  url: string;
  /** A Unix socket the service answers on: connections go there instead of to the URL's host and port. */
  socketPath?: string;
}

/** The services behind the gateway, by name. */
export function downstreamServices(config: ApiGatewayConfig): Downstream[] {
  return [
    { name: 'account-service', url: config.ACCOUNT_SERVICE_URL },
    { name: 'feature-registration-service', url: config.FEATURE_REGISTRATION_SERVICE_URL },
    { name: 'key-management-service', url: config.KEY_MANAGEMENT_SERVICE_URL },
    { name: 'blob-data-service', url: config.BLOB_DATA_SERVICE_URL, socketPath: config.BLOB_DATA_SERVICE_SOCKET },
    { name: 'replicator-service', url: config.REPLICATOR_SERVICE_URL },
  ];
}
