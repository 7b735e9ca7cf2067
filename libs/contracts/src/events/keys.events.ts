import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { keySources, keyVaultKeySchema, storageAccountName, subscriptionId, timestamp } from './common.schemas';

// Key-ring events (stream AccountKeyRing-<accountName>). They say which key
// versions exist and what protects them; key material never travels, not
// even wrapped.

const ringRef = { subscriptionId, resourceGroup: z.string().min(1), accountName: storageAccountName };
const kekVersion = z.number().int().positive();
/**
 * The version of the account's stream (StorageAccount-<name>) whose
 * KeySourceChangeRequested this event answers: account-service waits for it.
 */
const accountStreamVersion = z.number().int().positive();

/** The account's first key-encryption key (version 1, or the next after a deleted ring), protected by the root key. */
export const KeyRingCreated = defineEvent(
  'KeyRingCreated',
  Topics.keys,
  1,
  z.object({ ...ringRef, kekVersion, keySource: z.literal('Microsoft.Storage'), createdAt: timestamp }),
);

/** New data keys use `kekVersion` from now on; older versions stay usable for unwrapping. */
export const KeyRotated = defineEvent(
  'KeyRotated',
  Topics.keys,
  1,
  z.object({ ...ringRef, kekVersion, previousKekVersion: kekVersion, rotatedAt: timestamp }),
);

/** keySource Microsoft.Keyvault: every key-encryption key is now wrapped by the customer's key (data untouched). */
export const CustomerManagedKeyConfigured = defineEvent(
  'CustomerManagedKeyConfigured',
  Topics.keys,
  1,
  z.object({
    ...ringRef,
    keyVaultProperties: keyVaultKeySchema,
    rewrappedKekVersions: z.array(kekVersion).min(1),
    configuredAt: timestamp,
    accountStreamVersion: accountStreamVersion.optional(),
  }),
);

/** Back to keySource Microsoft.Storage: the key-encryption keys are wrapped by the root key again. */
export const CustomerManagedKeyRemoved = defineEvent(
  'CustomerManagedKeyRemoved',
  Topics.keys,
  1,
  z.object({ ...ringRef, rewrappedKekVersions: z.array(kekVersion).min(1), removedAt: timestamp, accountStreamVersion: accountStreamVersion.optional() }),
);

/** The key-source change the account asked for is what the ring already has: nothing re-wrapped, the request answered. */
export const KeySourceUnchanged = defineEvent(
  'KeySourceUnchanged',
  Topics.keys,
  1,
  z.object({ ...ringRef, accountStreamVersion, keySource: z.enum(keySources), keyVaultProperties: keyVaultKeySchema.optional(), confirmedAt: timestamp }),
);

/**
 * The key-source change the account asked for cannot be made (e.g. the
 * customer key was never imported, or is revoked); the ring is unchanged.
 * `code` and `message` are the answer account-service gives its client.
 */
export const KeySourceChangeRejected = defineEvent(
  'KeySourceChangeRejected',
  Topics.keys,
  1,
  z.object({
    ...ringRef,
    accountStreamVersion,
    keySource: z.enum(keySources),
    keyVaultProperties: keyVaultKeySchema.optional(),
    code: z.string().min(1),
    message: z.string().min(1),
    rejectedAt: timestamp,
  }),
);

/** The account's customer key was revoked: no data key of the account can be issued or unwrapped. */
export const KeyRevoked = defineEvent(
  'KeyRevoked',
  Topics.keys,
  1,
  z.object({ ...ringRef, keyVaultProperties: keyVaultKeySchema, revokedAt: timestamp }),
);

/** The customer key is usable again: access to the account's data keys is back. */
export const KeyRestored = defineEvent(
  'KeyRestored',
  Topics.keys,
  1,
  z.object({ ...ringRef, keyVaultProperties: keyVaultKeySchema, restoredAt: timestamp }),
);

/** The account was deleted: its key-encryption keys were destroyed, so its data keys can never be unwrapped again. */
export const KeyRingDeleted = defineEvent(
  'KeyRingDeleted',
  Topics.keys,
  1,
  z.object({ ...ringRef, destroyedKekVersions: z.array(kekVersion), deletedAt: timestamp }),
);

export const keyEvents = [
  KeyRingCreated,
  KeyRotated,
  CustomerManagedKeyConfigured,
  CustomerManagedKeyRemoved,
  KeySourceUnchanged,
  KeySourceChangeRejected,
  KeyRevoked,
  KeyRestored,
  KeyRingDeleted,
] as const;

export type KeyRingEvent = EventOf<(typeof keyEvents)[number]>;
