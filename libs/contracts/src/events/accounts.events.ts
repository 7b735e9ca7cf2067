import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { keySources, keyVaultKeySchema, storageAccountName, subscriptionId, timestamp } from './common.schemas';

const resourceGroup = z.string().min(1).max(90);
const accountRef = { subscriptionId, resourceGroup, accountName: storageAccountName };
const tags = z.record(z.string(), z.string());

export const skuNames = ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Premium_LRS'] as const;
/** The SKUs whose data is copied to the region's pair (docs/adr/0007): the replicator, failover and secondary endpoints follow it. */
export const isGeoRedundantSku = (sku: string): boolean => sku === 'Standard_GRS' || sku === 'Standard_RAGRS';
export const accountKinds = ['Storage', 'BlobStorage', 'StorageV2'] as const;
export const deploymentModels = ['ResourceManager', 'Classic'] as const;
export const accessTiers = ['Hot', 'Cool'] as const;
/** A Standard StorageV2 or BlobStorage account's default tier for its blobs. */
export type AccessTier = (typeof accessTiers)[number];

/** The minimum TLS versions an account may ask for (Azure's; TLS1_3 is not among them). */
export const minimumTlsVersions = ['TLS1_0', 'TLS1_1', 'TLS1_2'] as const;
export type MinimumTlsVersion = (typeof minimumTlsVersions)[number];

// Resource groups (stream ResourceGroup-<subscriptionId>-<name in lower case>): storage accounts live in one.

export const ResourceGroupCreated = defineEvent(
  'ResourceGroupCreated',
  Topics.accounts,
  1,
  z.object({ subscriptionId, resourceGroup, location: z.string().min(1), tags, createdAt: timestamp }),
);

/** A PUT on an existing group changed its tags (its location never changes). */
export const ResourceGroupUpdated = defineEvent(
  'ResourceGroupUpdated',
  Topics.accounts,
  1,
  z.object({ subscriptionId, resourceGroup, tags, updatedAt: timestamp }),
);

/** A group is deleted only once it holds no storage account (account-service refuses otherwise). */
export const ResourceGroupDeleted = defineEvent(
  'ResourceGroupDeleted',
  Topics.accounts,
  1,
  z.object({ subscriptionId, resourceGroup, deletedAt: timestamp }),
);

// Storage accounts (stream StorageAccount-<name>: names are global). No event ever carries an account key.

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
    accessTier: z.enum(accessTiers).optional(),
    tags: tags.optional(),
    /** The Blob endpoint refuses HTTP (absent: false, atrest's default; Azure's is true). */
    supportsHttpsTrafficOnly: z.boolean().optional(),
    /** As asked (absent: not set, which Azure reads as TLS 1.0). */
    minimumTlsVersion: z.enum(minimumTlsVersions).optional(),
  }),
);

/** Tags, access tier, HTTPS-only or minimum TLS version changed (PUT on an existing account or PATCH); the values after the change (the last two absent: unchanged, or never set). */
export const StorageAccountUpdated = defineEvent(
  'StorageAccountUpdated',
  Topics.accounts,
  1,
  z.object({
    ...accountRef,
    tags,
    accessTier: z.enum(accessTiers).optional(),
    supportsHttpsTrafficOnly: z.boolean().optional(),
    minimumTlsVersion: z.enum(minimumTlsVersions).optional(),
    updatedAt: timestamp,
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

/**
 * The client asked for another key source (keySource Microsoft.Keyvault with
 * the customer's key named in keyVaultProperties, or back to
 * Microsoft.Storage). key-management-service re-wraps the account's
 * key-encryption keys and answers on atrest.keys, naming this event's stream
 * version; until then the account is Updating. Names a key, never holds one.
 */
export const KeySourceChangeRequested = defineEvent(
  'KeySourceChangeRequested',
  Topics.accounts,
  1,
  z.discriminatedUnion('keySource', [
    z.object({ ...accountRef, keySource: z.literal('Microsoft.Keyvault'), keyVaultProperties: keyVaultKeySchema, requestedAt: timestamp }),
    z.object({ ...accountRef, keySource: z.literal('Microsoft.Storage'), requestedAt: timestamp }),
  ]),
);

/**
 * key-management-service's answer to the request at `requestedVersion`,
 * recorded on the account: Applied (the account now uses `keySource`) or
 * Rejected (`code`, `message`; the key source stays as it was).
 */
export const KeySourceChangeCompleted = defineEvent(
  'KeySourceChangeCompleted',
  Topics.accounts,
  1,
  z.discriminatedUnion('outcome', [
    z.object({
      ...accountRef,
      requestedVersion: z.number().int().positive(),
      outcome: z.literal('Applied'),
      keySource: z.enum(keySources),
      keyVaultProperties: keyVaultKeySchema.optional(),
      completedAt: timestamp,
    }),
    z.object({
      ...accountRef,
      requestedVersion: z.number().int().positive(),
      outcome: z.literal('Rejected'),
      code: z.string().min(1),
      message: z.string().min(1),
      completedAt: timestamp,
    }),
  ]),
);

/** Names which key changed; the key itself never travels. */
export const StorageAccountKeysRegenerated = defineEvent(
  'StorageAccountKeysRegenerated',
  Topics.accounts,
  1,
  z.object({ ...accountRef, keyName: z.enum(['key1', 'key2']), regeneratedAt: timestamp }),
);

/** A classic account moved to Resource Manager; `resourceGroup` is the group it moved into. */
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

export const resourceGroupEvents = [ResourceGroupCreated, ResourceGroupUpdated, ResourceGroupDeleted] as const;

export const storageAccountEvents = [
  StorageAccountCreated,
  StorageAccountUpdated,
  EncryptionEnabled,
  EncryptionDisabled,
  KeySourceChangeRequested,
  KeySourceChangeCompleted,
  StorageAccountKeysRegenerated,
  StorageAccountMigrated,
  StorageAccountDeleted,
] as const;

/** Everything account-service publishes on atrest.accounts. */
export const accountEvents = [...resourceGroupEvents, ...storageAccountEvents] as const;

export type ResourceGroupEvent = EventOf<(typeof resourceGroupEvents)[number]>;
export type StorageAccountEvent = EventOf<(typeof storageAccountEvents)[number]>;
