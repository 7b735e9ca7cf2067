import { serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';
import { kmsClientSettings, requireKnownAuthorizedClients } from './data-keys/client-auth/kms-clients.setting';
import { previousRootKeySetting, rootKeySetting } from './key-material/root-key.setting';

/**
 * PORT (default 7103), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_*: see libs/platform base-config.
 * KMS_ROOT_KEY or KMS_ROOT_KEY_FILE: the root key (base64 of 32 bytes), never stored or logged.
 * KMS_PREVIOUS_ROOT_KEY or KMS_PREVIOUS_ROOT_KEY_FILE (optional): the root key before a rotation;
 * what it wraps is re-wrapped under the root key at start-up (root-key.check.ts).
 * KMS_CLIENTS: "<service>:<secret>,..." credentials for the internal API;
 * KMS_AUTHORIZED_CLIENTS (default blob-data-service): which of them may use keys.
 */
export const configSchema = serviceConfigSchema(7103)
  .extend({ ...rootKeySetting.settings, ...previousRootKeySetting.settings, ...kmsClientSettings })
  .superRefine(
    (config, ctx) => {
      rootKeySetting.validate(config, ctx);
      previousRootKeySetting.validate(config, ctx);
      requireKnownAuthorizedClients(config, ctx);
    },
    { when: () => true },
  );

export type KeyManagementServiceConfig = z.output<typeof configSchema>;
