import { httpUrl, serviceConfigSchema } from '@atrest/platform';
import { z } from 'zod';
import { previousSealingKeySetting, sealingKeySetting } from './storage-accounts/account-keys/sealing-key.setting';

/**
 * PORT (default 7101), HOST, LOG_LEVEL, DATABASE_URL, KAFKA_* (libs/platform base-config), plus:
 * - BLOB_ENDPOINT_BASE: where the data plane answers; accounts' blob endpoints are `<base>/<name>/`.
 * - ENCRYPTION_ACK_TIMEOUT_MS: how long an encryption change waits for the data plane's
 *   acknowledgement before answering provisioningState "Updating" (docs/architecture.md, consistency contract).
 * - ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE: the key account keys are sealed with
 *   at rest (base64 of 32 bytes), never stored or logged.
 * - ACCOUNT_KEYS_PREVIOUS_SEALING_KEY or ..._FILE (optional): the sealing key before a rotation;
 *   keys sealed under it are sealed again under the sealing key at start-up.
 */
export const configSchema = serviceConfigSchema(7101)
  .extend({
    BLOB_ENDPOINT_BASE: httpUrl('base URL of the Blob data plane, e.g. http://127.0.0.1:10000').default('http://127.0.0.1:10000'),
    ENCRYPTION_ACK_TIMEOUT_MS: z
      .string()
      .regex(/^\d{1,7}$/, 'must be a number of milliseconds (0-9999999)')
      .transform(Number)
      .default(10_000),
    ...sealingKeySetting.settings,
    ...previousSealingKeySetting.settings,
  })
  .superRefine(
    (config, ctx) => {
      sealingKeySetting.validate(config, ctx);
      previousSealingKeySetting.validate(config, ctx);
    },
    { when: () => true },
  );

export type AccountServiceConfig = z.output<typeof configSchema>;
