import { randomUUID } from 'node:crypto';
import { InvalidEventError, parseEventEnvelope, topicOf, Topics } from '../index';

const envelope = (data: unknown, type = 'EncryptionEnabled') => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  streamId: 'StorageAccount-sub1-acct1',
  streamVersion: 2,
  occurredAt: '2026-11-29T10:00:00.000Z',
  data,
  metadata: { correlationId: 'c1' },
});

const enabled = {
  subscriptionId: 'sub1',
  resourceGroup: 'rg1',
  accountName: 'acct1',
  services: ['blob'],
  keySource: 'Microsoft.Storage',
  enabledAt: '2026-11-29T10:00:00.000Z',
};

describe('event catalogue', () => {
  it('accepts a valid EncryptionEnabled envelope, from an object or JSON text', () => {
    expect(parseEventEnvelope(envelope(enabled)).data).toEqual(enabled);
    expect(parseEventEnvelope(Buffer.from(JSON.stringify(envelope(enabled)))).type).toBe('EncryptionEnabled');
  });

  it('names the bad field when the data breaks the contract', () => {
    expect(() => parseEventEnvelope(envelope({ ...enabled, accountName: 'Bad Name!' }))).toThrow(
      /EncryptionEnabled v1 data: accountName/,
    );
  });

  it('rejects unknown types, broken envelopes and non-JSON', () => {
    expect(() => parseEventEnvelope(envelope(enabled, 'NoSuchEvent'))).toThrow(/unknown event type NoSuchEvent/);
    expect(() => parseEventEnvelope({ ...envelope(enabled), eventId: 'x' })).toThrow(/envelope: eventId/);
    expect(() => parseEventEnvelope('{not json')).toThrow(InvalidEventError);
  });

  it('maps event types to their topics', () => {
    expect(topicOf('EncryptionEnabled')).toBe(Topics.accounts);
    expect(topicOf('FeatureRegistered')).toBe(Topics.features);
  });

  describe('the key-source handshake (account stream -> atrest.keys -> account stream)', () => {
    const ref = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: 'acct1' };
    const at = '2026-11-29T10:00:00.000Z';
    const vault = { keyVaultUri: 'https://contoso.vault.azure.net', keyName: 'sse', keyVersion: 'v1' };
    const requested = { ...ref, keySource: 'Microsoft.Keyvault', keyVaultProperties: vault, requestedAt: at };

    it('KeySourceChangeRequested travels on atrest.accounts, names the key and drops anything else (no key material)', () => {
      expect(topicOf('KeySourceChangeRequested')).toBe(Topics.accounts);
      const smuggled = { ...requested, key: 'c2VjcmV0', keyVaultProperties: { ...vault, key: 'c2VjcmV0' } };
      expect(parseEventEnvelope(envelope(smuggled, 'KeySourceChangeRequested')).data).toEqual(requested);
      expect(parseEventEnvelope(envelope({ ...ref, keySource: 'Microsoft.Storage', requestedAt: at }, 'KeySourceChangeRequested')).type).toBe(
        'KeySourceChangeRequested',
      );
    });

    it('refuses an unknown key source or a vault URI that is not https', () => {
      expect(() => parseEventEnvelope(envelope({ ...requested, keySource: 'Microsoft.Other' }, 'KeySourceChangeRequested'))).toThrow(/keySource/);
      expect(() =>
        parseEventEnvelope(envelope({ ...requested, keyVaultProperties: { ...vault, keyVaultUri: 'http://contoso.vault.azure.net' } }, 'KeySourceChangeRequested')),
      ).toThrow(/keyVaultProperties.keyVaultUri/);
    });

    it('the answers on atrest.keys name the account stream version they answer; a rejection must say why', () => {
      const rejected = { ...ref, accountStreamVersion: 3, keySource: 'Microsoft.Keyvault', keyVaultProperties: vault, code: 'KeyVaultEncryptionKeyNotFound', message: 'no key', rejectedAt: at };
      expect(topicOf('KeySourceChangeRejected')).toBe(Topics.keys);
      expect(parseEventEnvelope(envelope(rejected, 'KeySourceChangeRejected')).data).toEqual(rejected);
      expect(() => parseEventEnvelope(envelope({ ...rejected, accountStreamVersion: undefined }, 'KeySourceChangeRejected'))).toThrow(/accountStreamVersion/);
      expect(() => parseEventEnvelope(envelope({ ...rejected, code: '' }, 'KeySourceChangeRejected'))).toThrow(/code/);
      const unchanged = { ...ref, accountStreamVersion: 3, keySource: 'Microsoft.Storage', confirmedAt: at };
      expect(parseEventEnvelope(envelope(unchanged, 'KeySourceUnchanged')).data).toEqual(unchanged);
      // Rings configured before the handshake answered no request: the version is optional there.
      const removed = { ...ref, rewrappedKekVersions: [1], removedAt: at };
      expect(parseEventEnvelope(envelope(removed, 'CustomerManagedKeyRemoved')).data).toEqual(removed);
    });

    it('KeySourceChangeCompleted records Applied with the key source, or Rejected with code and message', () => {
      const applied = { ...ref, requestedVersion: 3, outcome: 'Applied', keySource: 'Microsoft.Keyvault', keyVaultProperties: vault, completedAt: at };
      const rejected = { ...ref, requestedVersion: 3, outcome: 'Rejected', code: 'KeyVaultEncryptionKeyNotFound', message: 'no key', completedAt: at };
      expect(parseEventEnvelope(envelope(applied, 'KeySourceChangeCompleted')).data).toEqual(applied);
      expect(parseEventEnvelope(envelope(rejected, 'KeySourceChangeCompleted')).data).toEqual(rejected);
      expect(() => parseEventEnvelope(envelope({ ...rejected, code: undefined }, 'KeySourceChangeCompleted'))).toThrow(/code/);
    });
  });
});
