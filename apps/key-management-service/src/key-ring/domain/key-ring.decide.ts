import { DomainError, type KeyRingEvent, type KeySource, type KeyVaultKey } from '@atrest/contracts';
import { customerKeyRefOf, sameCustomerKey, type CustomerKeyRef } from './customer-key';
import type { KeyRingCommand } from './key-ring.commands';
import { accountNotFound, customerKeyUnavailable, type AccountPath } from './key-ring.errors';
import { isRingOf, unreachable, type KeyRing } from './key-ring';

type Command<T extends KeyRingCommand['type']> = Extract<KeyRingCommand, { type: T }>;

const requireRing = (ring: KeyRing, account: AccountPath): AccountPath => {
  if (!isRingOf(ring, account)) throw accountNotFound(account);
  return ring.account;
};

/** A revoked customer key blocks every change that needs the key-encryption keys in the clear. */
const requireAccess = (ring: KeyRing): void => {
  if (ring.revoked && ring.customerKey) throw customerKeyUnavailable(customerKeyRefOf(ring.customerKey), ring.account?.accountName);
};

const usesKey = (ring: KeyRing, key: CustomerKeyRef): ring is KeyRing & { account: AccountPath; customerKey: KeyVaultKey } =>
  ring.account !== undefined && ring.customerKey !== undefined && sameCustomerKey(customerKeyRefOf(ring.customerKey), key);

/** Idempotent: account events arrive at least once, and both StorageAccountCreated and EncryptionEnabled ask for a ring. */
const createKeyRing = ({ account, now }: Command<'CreateKeyRing'>, ring: KeyRing): KeyRingEvent[] =>
  ring.account
    ? []
    : [{ type: 'KeyRingCreated', data: { ...account, kekVersion: ring.lastVersion + 1, keySource: 'Microsoft.Storage', createdAt: now.toISOString() } }];

const rotateKey = ({ account, now }: Command<'RotateKey'>, ring: KeyRing): KeyRingEvent[] => {
  const ref = requireRing(ring, account);
  requireAccess(ring);
  return [{ type: 'KeyRotated', data: { ...ref, kekVersion: ring.lastVersion + 1, previousKekVersion: ring.currentVersion, rotatedAt: now.toISOString() } }];
};

/**
 * The account's key-source requests arrive at least once and each gets one
 * answer naming its account stream version: the change, KeySourceUnchanged
 * when the ring already is as asked, or KeySourceChangeRejected (code and
 * message for the client) when it cannot be made.
 */
const answer = (
  ring: KeyRing,
  request: { account: AccountPath; accountStreamVersion: number; now: Date; keySource: KeySource; key?: KeyVaultKey },
  change: () => KeyRingEvent[],
): KeyRingEvent[] => {
  const { account, accountStreamVersion, now, keySource, key } = request;
  if (accountStreamVersion <= ring.answeredAccountVersion) return [];
  const asked = { ...account, accountStreamVersion, keySource, ...(key && { keyVaultProperties: key }) };
  try {
    const events = change();
    return events.length > 0 ? events : [{ type: 'KeySourceUnchanged', data: { ...asked, confirmedAt: now.toISOString() } }];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [{ type: 'KeySourceChangeRejected', data: { ...asked, code: error.code, message: error.message, rejectedAt: now.toISOString() } }];
  }
};

const configureCustomerManagedKey = (command: Command<'ConfigureCustomerManagedKey'>, ring: KeyRing): KeyRingEvent[] =>
  answer(ring, { ...command, keySource: 'Microsoft.Keyvault' }, () => {
    const { account, key, keyStatus, accountStreamVersion, now } = command;
    const ref = requireRing(ring, account);
    requireAccess(ring);
    if (keyStatus !== 'active') throw customerKeyUnavailable(customerKeyRefOf(key), account.accountName);
    if (usesKey(ring, customerKeyRefOf(key))) return [];
    const rewrappedKekVersions = ring.versions.map((v) => v.version);
    return [{ type: 'CustomerManagedKeyConfigured', data: { ...ref, keyVaultProperties: key, rewrappedKekVersions, configuredAt: now.toISOString(), accountStreamVersion } }];
  });

const removeCustomerManagedKey = (command: Command<'RemoveCustomerManagedKey'>, ring: KeyRing): KeyRingEvent[] =>
  answer(ring, { ...command, keySource: 'Microsoft.Storage' }, () => {
    const { account, accountStreamVersion, now } = command;
    const ref = requireRing(ring, account);
    if (!ring.customerKey) return [];
    requireAccess(ring);
    const rewrappedKekVersions = ring.versions.map((v) => v.version);
    return [{ type: 'CustomerManagedKeyRemoved', data: { ...ref, rewrappedKekVersions, removedAt: now.toISOString(), accountStreamVersion } }];
  });

/** Revocation is the vault's fact, fanned out to every ring using the key: a ring using another key is untouched. */
const revokeKey = ({ key, now }: Command<'RevokeKey'>, ring: KeyRing): KeyRingEvent[] =>
  usesKey(ring, key) && !ring.revoked
    ? [{ type: 'KeyRevoked', data: { ...ring.account, keyVaultProperties: ring.customerKey, revokedAt: now.toISOString() } }]
    : [];

const restoreKey = ({ key, now }: Command<'RestoreKey'>, ring: KeyRing): KeyRingEvent[] =>
  usesKey(ring, key) && ring.revoked
    ? [{ type: 'KeyRestored', data: { ...ring.account, keyVaultProperties: ring.customerKey, restoredAt: now.toISOString() } }]
    : [];

/** The account is gone: destroy its key-encryption keys, which makes every data key of the account unrecoverable. */
const deleteKeyRing = ({ now }: Command<'DeleteKeyRing'>, ring: KeyRing): KeyRingEvent[] =>
  ring.account
    ? [{ type: 'KeyRingDeleted', data: { ...ring.account, destroyedKekVersions: ring.versions.map((v) => v.version), deletedAt: now.toISOString() } }]
    : [];

/** The events a command produces on a ring, or a DomainError saying why not. Pure. */
export const decide = (command: KeyRingCommand, ring: KeyRing): KeyRingEvent[] => {
  switch (command.type) {
    case 'CreateKeyRing':
      return createKeyRing(command, ring);
    case 'RotateKey':
      return rotateKey(command, ring);
    case 'ConfigureCustomerManagedKey':
      return configureCustomerManagedKey(command, ring);
    case 'RemoveCustomerManagedKey':
      return removeCustomerManagedKey(command, ring);
    case 'RevokeKey':
      return revokeKey(command, ring);
    case 'RestoreKey':
      return restoreKey(command, ring);
    case 'DeleteKeyRing':
      return deleteKeyRing(command, ring);
    default:
      return unreachable(command);
  }
};
