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
const configured = (versions: number[], accountStreamVersion?: number): KeyRingEvent => ({
  type: 'CustomerManagedKeyConfigured',
  data: { ...account, keyVaultProperties: vaultKey, rewrappedKekVersions: versions, configuredAt: at, ...(accountStreamVersion && { accountStreamVersion }) },
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

  describe('ConfigureCustomerManagedKey (KeySourceChangeRequested Microsoft.Keyvault at account stream version 5)', () => {
    const configure = (keyStatus: 'active' | 'revoked' | 'missing', key = vaultKey, accountStreamVersion = 5): KeyRingCommand => ({
      type: 'ConfigureCustomerManagedKey',
      account,
      key,
      keyStatus,
      accountStreamVersion,
      now,
    });
    /** The message names the key that cannot be used: the requested one, or the revoked one still protecting the ring. */
    const rejected = (key = vaultKey, unusable = key): KeyRingEvent => ({
      type: 'KeySourceChangeRejected',
      data: {
        ...account,
        accountStreamVersion: 5,
        keySource: 'Microsoft.Keyvault',
        keyVaultProperties: key,
        code: 'KeyVaultEncryptionKeyNotFound',
        message: expect.stringContaining(`https://contoso.vault.azure.net/keys/sse/${unusable.keyVersion}`) as unknown as string,
        rejectedAt: at,
      },
    });

    it('re-wraps every key version with the customer key (keySource becomes Microsoft.Keyvault), naming the request it answers', () => {
      given([created, rotated(2)]).when(configure('active')).then([configured([1, 2], 5)]);
      expect(keySourceOf(fold([created, configured([1])]))).toBe('Microsoft.Keyvault');
      expect(fold([created, configured([1], 5)]).answeredAccountVersion).toBe(5);
    });

    it('answers KeySourceUnchanged when that key (compared case-insensitively) is already configured', () => {
      const same = { ...vaultKey, keyVaultUri: 'https://contoso.vault.azure.net/', keyName: 'sse' };
      given([created, configured([1])])
        .when(configure('active', same))
        .then([{ type: 'KeySourceUnchanged', data: { ...account, accountStreamVersion: 5, keySource: 'Microsoft.Keyvault', keyVaultProperties: same, confirmedAt: at } }]);
    });

    it.each(['missing', 'revoked'] as const)('answers KeySourceChangeRejected for a key that is %s in the vault; the ring is unchanged', (status) => {
      given([created]).when(configure(status)).then([rejected()]);
      expect(fold([created, rejected()])).toEqual({ ...fold([created]), answeredAccountVersion: 5 });
    });

    it('rejects switching away from a revoked key (its KEKs cannot be unwrapped to re-wrap them)', () => {
      const other = { ...vaultKey, keyVersion: 'def456' };
      given([created, configured([1]), revoked]).when(configure('active', other)).then([rejected(other, vaultKey)]);
    });

    it('answers a request once: a redelivered or older request changes nothing', () => {
      given([created, configured([1], 5)]).when(configure('active', { ...vaultKey, keyVersion: 'def456' })).then([]);
      given([created, rejected()]).when(configure('active', vaultKey, 4)).then([]);
    });

    it('remembers what it answered across the account being deleted and its name taken again', () => {
      expect(fold([created, configured([1], 5), deleted([1])]).answeredAccountVersion).toBe(5);
    });
  });

  describe('RemoveCustomerManagedKey (KeySourceChangeRequested Microsoft.Storage)', () => {
    const remove: KeyRingCommand = { type: 'RemoveCustomerManagedKey', account, accountStreamVersion: 7, now };

    it('returns the ring to the root key', () => {
      given([created, configured([1], 5)])
        .when(remove)
        .then([{ type: 'CustomerManagedKeyRemoved', data: { ...account, rewrappedKekVersions: [1], removedAt: at, accountStreamVersion: 7 } }]);
    });

    it('answers KeySourceUnchanged for a Microsoft-managed ring, and rejects while the key is revoked', () => {
      given([created])
        .when(remove)
        .then([{ type: 'KeySourceUnchanged', data: { ...account, accountStreamVersion: 7, keySource: 'Microsoft.Storage', confirmedAt: at } }]);
      given([created, configured([1]), revoked])
        .when(remove)
        .then([
          {
            type: 'KeySourceChangeRejected',
            data: { ...account, accountStreamVersion: 7, keySource: 'Microsoft.Storage', code: 'KeyVaultEncryptionKeyNotFound', message: expect.any(String) as unknown as string, rejectedAt: at },
          },
        ]);
    });

    it('rejects with ResourceNotFound when the ring belongs to another resource group', () => {
      const elsewhere: KeyRingCommand = { ...remove, account: { ...account, resourceGroup: 'rg2' } } as KeyRingCommand;
      const [answer] = decide(elsewhere, fold([created]));
      expect(answer).toMatchObject({ type: 'KeySourceChangeRejected', data: { resourceGroup: 'rg2', code: 'ResourceNotFound' } });
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
      answeredAccountVersion: 0,
    });
  });
});
