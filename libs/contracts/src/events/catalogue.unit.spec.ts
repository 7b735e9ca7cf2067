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
});
