import { httpSettings, httpUrl } from '@atrest/platform';
import { z } from 'zod';

/** Internal port 7100 (health); the URLs of the services behind the gateway, all required. */
export const configSchema = z.object({
  ...httpSettings(7100),
  ACCOUNT_SERVICE_URL: httpUrl('base URL of account-service, e.g. http://127.0.0.1:7101'),
  FEATURE_REGISTRATION_SERVICE_URL: httpUrl('base URL of feature-registration-service, e.g. http://127.0.0.1:7102'),
  KEY_MANAGEMENT_SERVICE_URL: httpUrl('base URL of key-management-service, e.g. http://127.0.0.1:7103'),
  BLOB_DATA_SERVICE_URL: httpUrl('base URL of blob-data-service, e.g. http://127.0.0.1:7104'),
  REPLICATOR_SERVICE_URL: httpUrl('base URL of replicator-service, e.g. http://127.0.0.1:7105'),
});

export type ApiGatewayConfig = z.output<typeof configSchema>;

export interface Downstream {
  name: string;
  url: string;
}

/** The services behind the gateway, by name. */
export function downstreamServices(config: ApiGatewayConfig): Downstream[] {
  return [
    { name: 'account-service', url: config.ACCOUNT_SERVICE_URL },
    { name: 'feature-registration-service', url: config.FEATURE_REGISTRATION_SERVICE_URL },
    { name: 'key-management-service', url: config.KEY_MANAGEMENT_SERVICE_URL },
    { name: 'blob-data-service', url: config.BLOB_DATA_SERVICE_URL },
    { name: 'replicator-service', url: config.REPLICATOR_SERVICE_URL },
  ];
}
