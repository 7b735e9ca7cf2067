import { randomUUID } from 'node:crypto';
import { DomainError, type EventEnvelope, type KeyRingEvent } from '@atrest/contracts';
import { customerKeyRef } from './customer-key';
import type { KeyRingCommand } from './key-ring.commands';
import { decide } from './key-ring.decide';
import { evolve, initialKeyRing, keySourceOf, type KeyRing } from './key-ring';

const now = new Date('2026-11-29T10:00:00.000Z');
const at = now.toISOString();
const account = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: 'acct1' };
const vaultKey = { keyVaultUri: 'https://Contoso.vault.azure.net', keyName: 'SSE', keyVersion: 'abc123' };
const vaultRef = customerKeyRef('contoso', 'sse', 'abc123');

const envelope = (event: KeyRingEvent, i: number): EventEnvelope => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: 1,
  streamId: 'AccountKeyRing-acct1',
  streamVersion: i + 1,
  occurredAt: at,
  data: event.data,
  metadata: {},
});

const fold = (events: readonly KeyRingEvent[]): KeyRing => events.map(envelope).reduce(evolve, initialKeyRing());

/** given(events).when(command) -> the events decided, or the DomainError thrown. */
const given = (events: readonly KeyRingEvent[]) => ({
  when: (command: KeyRingCommand) => {
    const ring = fold(events);
    return {
      then: (expected: KeyRingEvent[]) => expect(decide(command, ring)).toEqual(expected),
      thenRefused: (code: string) => expect(() => decide(command, ring)).toThrow(expect.objectContaining({ name: DomainError.name, code })),
    };
  },
});

const created: KeyRingEvent = { type: 'KeyRingCreated', data: { ...account, kekVersion: 1, keySource: 'Microsoft.Storage', createdAt: at } };
const rotated = (kekVersion: number): KeyRingEvent => ({
  type: 'KeyRotated',
  data: { ...account, kekVersion, previousKekVersion: kekVersion - 1, rotatedAt: at },
});
const configured = (versions: number[]): KeyRingEvent => ({
  type: 'CustomerManagedKeyConfigured',
  data: { ...account, keyVaultProperties: vaultKey, rewrappedKekVersions: versions, configuredAt: at },
});
const revoked: KeyRingEvent = { type: 'KeyRevoked', data: { ...account, keyVaultProperties: vaultKey, revokedAt: at } };
const restored: KeyRingEvent = { type: 'KeyRestored', data: { ...account, keyVaultProperties: vaultKey, restoredAt: at } };
const deleted = (versions: number[]): KeyRingEvent => ({ type: 'KeyRingDeleted', data: { ...account, destroyedKekVersions: versions, deletedAt: at } });

describe('key ring', () => {
  describe('CreateKeyRing (from StorageAccountCreated or EncryptionEnabled)', () => {
    it('creates version 1 protected by the root key', () => {
      given([]).when({ type: 'CreateKeyRing', account, now }).then([created]);
    });

    it('does nothing when the ring exists (events arrive at least once, and two event types ask)', () => {
      given([created]).when({ type: 'CreateKeyRing', account, now }).then([]);
    });

    it('after the account was deleted, starts a new ring with a version never used before', () => {
      given([created, rotated(2), deleted([1, 2])])
        .when({ type: 'CreateKeyRing', account, now })
        .then([{ ...created, data: { ...created.data, kekVersion: 3 } } as KeyRingEvent]);
    });
  });

  describe('RotateKey', () => {
    it('adds the next version and makes it current', () => {
      given([created]).when({ type: 'RotateKey', account, now }).then([rotated(2)]);
      given([created, rotated(2)]).when({ type: 'RotateKey', account, now }).then([rotated(3)]);
    });

    it('matches the subscription and resource group case-insensitively, as ARM does', () => {
      given([created]).when({ type: 'RotateKey', account: { ...account, resourceGroup: 'RG1', subscriptionId: 'SUB1' }, now }).then([rotated(2)]);
    });

    it.each([
      ['no ring', [], account],
      ['another resource group', [created], { ...account, resourceGroup: 'rg2' }],
      ['another subscription', [created], { ...account, subscriptionId: 'sub2' }],
      ['a deleted ring', [created, deleted([1])], account],
    ])('refuses with ResourceNotFound for %s', (_, events, path) => {
      given(events as KeyRingEvent[]).when({ type: 'RotateKey', account: path, now }).thenRefused('ResourceNotFound');
    });

    it('refuses while the customer key is revoked', () => {
      given([created, configured([1]), revoked]).when({ type: 'RotateKey', account, now }).thenRefused('KeyVaultEncryptionKeyNotFound');
    });
  });

  describe('ConfigureCustomerManagedKey', () => {
    const configure = (keyStatus: 'active' | 'revoked' | 'missing', key = vaultKey): KeyRingCommand => ({
      type: 'ConfigureCustomerManagedKey',
      account,
      key,
      keyStatus,
      now,
    });

    it('re-wraps every key version with the customer key (keySource becomes Microsoft.Keyvault)', () => {
      given([created, rotated(2)]).when(configure('active')).then([configured([1, 2])]);
      expect(keySourceOf(fold([created, configured([1])]))).toBe('Microsoft.Keyvault');
    });

    it('does nothing when that key (compared case-insensitively) is already configured', () => {
      given([created, configured([1])])
        .when(configure('active', { ...vaultKey, keyVaultUri: 'https://contoso.vault.azure.net/', keyName: 'sse' }))
        .then([]);
    });

    it.each(['missing', 'revoked'] as const)('refuses a key that is %s in the vault', (status) => {
      given([created]).when(configure(status)).thenRefused('KeyVaultEncryptionKeyNotFound');
    });

    it('refuses to switch away from a revoked key (its KEKs cannot be unwrapped to re-wrap them)', () => {
      given([created, configured([1]), revoked])
        .when(configure('active', { ...vaultKey, keyVersion: 'def456' }))
        .thenRefused('KeyVaultEncryptionKeyNotFound');
    });
  });

  describe('RemoveCustomerManagedKey', () => {
    it('returns the ring to the root key', () => {
      given([created, configured([1])])
        .when({ type: 'RemoveCustomerManagedKey', account, now })
        .then([{ type: 'CustomerManagedKeyRemoved', data: { ...account, rewrappedKekVersions: [1], removedAt: at } }]);
    });

    it('does nothing for a Microsoft-managed ring, and refuses while revoked', () => {
      given([created]).when({ type: 'RemoveCustomerManagedKey', account, now }).then([]);
      given([created, configured([1]), revoked]).when({ type: 'RemoveCustomerManagedKey', account, now }).thenRefused('KeyVaultEncryptionKeyNotFound');
    });
  });

  describe('RevokeKey / RestoreKey (fanned out from the vault stand-in)', () => {
    it('revokes and restores a ring that uses the key', () => {
      given([created, configured([1])]).when({ type: 'RevokeKey', key: vaultRef, now }).then([revoked]);
      given([created, configured([1]), revoked]).when({ type: 'RestoreKey', key: vaultRef, now }).then([restored]);
      expect(fold([created, configured([1]), revoked]).revoked).toBe(true);
      expect(fold([created, configured([1]), revoked, restored]).revoked).toBe(false);
    });

    it('is idempotent and leaves rings using another key (or none) alone', () => {
      given([created, configured([1]), revoked]).when({ type: 'RevokeKey', key: vaultRef, now }).then([]);
      given([created, configured([1])]).when({ type: 'RestoreKey', key: vaultRef, now }).then([]);
      given([created, configured([1])]).when({ type: 'RevokeKey', key: { ...vaultRef, keyVersion: 'other' }, now }).then([]);
      given([created]).when({ type: 'RevokeKey', key: vaultRef, now }).then([]);
    });
  });

  describe('DeleteKeyRing (StorageAccountDeleted)', () => {
    it('destroys every version, once', () => {
      given([created, rotated(2)]).when({ type: 'DeleteKeyRing', now }).then([deleted([1, 2])]);
      given([created, deleted([1])]).when({ type: 'DeleteKeyRing', now }).then([]);
    });
  });

  it('folds the public view: versions, current version, key source', () => {
    expect(fold([created, rotated(2), configured([1, 2])])).toEqual({
      account,
      versions: [
        { version: 1, createdAt: at },
        { version: 2, createdAt: at },
      ],
      currentVersion: 2,
      lastVersion: 2,
      customerKey: vaultKey,
      revoked: false,
    });
  });
});
