import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { storageAccountName, subscriptionId, timestamp } from './common.schemas';

// Key-ring events (stream AccountKeyRing-<accountName>). They say which key
// versions exist and what protects them; key material never travels, not
// even wrapped.

const ringRef = { subscriptionId, resourceGroup: z.string().min(1), accountName: storageAccountName };
const kekVersion = z.number().int().positive();

/** A customer-managed key as the account names it (Azure's keyvaultproperties). */
export const keyVaultKeySchema = z.object({
  keyVaultUri: z.url({ protocol: /^https$/ }),
  keyName: z.string().min(1),
  keyVersion: z.string().min(1),
});

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
  z.object({ ...ringRef, keyVaultProperties: keyVaultKeySchema, rewrappedKekVersions: z.array(kekVersion).min(1), configuredAt: timestamp }),
);

/** Back to keySource Microsoft.Storage: the key-encryption keys are wrapped by the root key again. */
export const CustomerManagedKeyRemoved = defineEvent(
  'CustomerManagedKeyRemoved',
  Topics.keys,
  1,
  z.object({ ...ringRef, rewrappedKekVersions: z.array(kekVersion).min(1), removedAt: timestamp }),
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
  KeyRevoked,
  KeyRestored,
  KeyRingDeleted,
] as const;

export type KeyRingEvent = EventOf<(typeof keyEvents)[number]>;
export type KeyVaultKey = z.infer<typeof keyVaultKeySchema>;
