import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { storageAccountName, subscriptionId, timestamp } from './common.schemas';

const accountRef = { subscriptionId, resourceGroup: z.string().min(1), accountName: storageAccountName };

export const skuNames = ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Premium_LRS'] as const;
export const accountKinds = ['Storage', 'BlobStorage', 'StorageV2'] as const;
export const deploymentModels = ['ResourceManager', 'Classic'] as const;

export const StorageAccountCreated = defineEvent(
  'StorageAccountCreated',
  Topics.accounts,
  1,
  z.object({
    ...accountRef,
    location: z.string().min(1),
    sku: z.enum(skuNames),
    kind: z.enum(accountKinds),
    deploymentModel: z.enum(deploymentModels),
    createdAt: timestamp,
  }),
);

/** The seed's switch: from now on, new blob writes are encrypted. */
export const EncryptionEnabled = defineEvent(
  'EncryptionEnabled',
  Topics.accounts,
  1,
  z.object({ ...accountRef, services: z.array(z.literal('blob')).min(1), keySource: z.string().min(1), enabledAt: timestamp }),
);

/** New writes are no longer encrypted; existing data keeps its state (the seed's "Existing Data" rule). */
export const EncryptionDisabled = defineEvent(
  'EncryptionDisabled',
  Topics.accounts,
  1,
  z.object({ ...accountRef, services: z.array(z.literal('blob')).min(1), disabledAt: timestamp }),
);

/** Names which key changed; the key itself never travels. */
export const StorageAccountKeysRegenerated = defineEvent(
  'StorageAccountKeysRegenerated',
  Topics.accounts,
  1,
  z.object({ ...accountRef, keyName: z.enum(['key1', 'key2']), regeneratedAt: timestamp }),
);

export const StorageAccountMigrated = defineEvent(
  'StorageAccountMigrated',
  Topics.accounts,
  1,
  z.object({ ...accountRef, from: z.literal('Classic'), to: z.literal('ResourceManager'), migratedAt: timestamp }),
);

export const StorageAccountDeleted = defineEvent(
  'StorageAccountDeleted',
  Topics.accounts,
  1,
  z.object({ ...accountRef, deletedAt: timestamp }),
);

export const accountEvents = [
  StorageAccountCreated,
  EncryptionEnabled,
  EncryptionDisabled,
  StorageAccountKeysRegenerated,
  StorageAccountMigrated,
  StorageAccountDeleted,
] as const;

export type StorageAccountEvent = EventOf<(typeof accountEvents)[number]>;
