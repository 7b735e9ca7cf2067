import { findRegion } from '@atrest/contracts';
import { encryptionAvailability } from './encryption-availability.data';
import { tierOf, type StorageAccount } from './storage-account';
import type { EncryptionRequest, FeatureRegistration } from './storage-account.commands';
import {
  accountCreatedBeforeRegistration,
  encryptionFeatureNotRegistered,
  encryptionNotAvailableInRegion,
  encryptionNotSupportedForService,
  encryptionRefusedForClassicAccount,
  encryptionRefusedForMigratedAccount,
  infrastructureEncryptionNotSupported,
} from './storage-account.errors';

/**
 * The seed: "Table, Queues, and Files data will not be encrypted" (the key
 * source: key-source-rules.ts); and Blob data is sealed once: infrastructure
 * (double) encryption asked for is refused, never taken as granted.
 */
export const assertEncryptionRequestSupported = (request: EncryptionRequest): void => {
  const others = (['file', 'table', 'queue'] as const).filter((s) => request[s] === true);
  if (others.length > 0) throw encryptionNotSupportedForService(others);
  if (request.requireInfrastructureEncryption) throw infrastructureEncryptionNotSupported();
};

/**
 * The seed's preview rules for turning SSE on, in order: Resource Manager
 * accounts only (never classic, nor classic migrated), a subscription
 * approved for EncryptionAtRest, an account created after that approval, and
 * a region that offers SSE for the account's tier.
 */
export const assertEncryptionCanBeEnabled = (account: StorageAccount, registration: FeatureRegistration | undefined): void => {
  if (account.deploymentModel === 'Classic') throw encryptionRefusedForClassicAccount(account.name);
  if (account.migratedFromClassic) throw encryptionRefusedForMigratedAccount(account.name);
  if (registration?.state !== 'Registered' || !registration.approvedAt)
    throw encryptionFeatureNotRegistered(account.subscriptionId, registration?.state ?? 'NotRegistered');
  if (Date.parse(account.createdAt) < Date.parse(registration.approvedAt))
    throw accountCreatedBeforeRegistration(account.name, account.createdAt, registration.approvedAt);
  const tier = tierOf(account.sku);
  const available = encryptionAvailability[tier];
  if (!available.some((r) => findRegion(r)?.name === account.location))
    throw encryptionNotAvailableInRegion(tier, findRegion(account.location)?.displayName ?? account.location, available);
};
