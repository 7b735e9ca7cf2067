import type { DataSource, EntityManager } from 'typeorm';
import { Topics, type DomainEvent, type EventEnvelope } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { createTestContext, type TestContext } from '@atrest/testing';
import { consoleLogger, EventConsumer, KafkaConnection, messagingMigrations, OutboxRelay, type EventConsumerOptions, type EventHandlers } from './index';

// Fixtures shared by this lib's integration specs (not exported by index.ts).

export const now = new Date('2026-11-29T10:00:00.000Z');

/** The i-th event of an account's stream: created first, then encryption toggled. */
export const accountEvent = (accountName: string, i: number): DomainEvent => {
  const ref = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName };
  if (i === 0)
    return {
      type: 'StorageAccountCreated',
      data: { ...ref, location: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: now.toISOString() },
    };
  return i % 2 === 1
    ? { type: 'EncryptionEnabled', data: { ...ref, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now.toISOString() } }
    : { type: 'EncryptionDisabled', data: { ...ref, services: ['blob'], disabledAt: now.toISOString() } };
};

/** A projection in the consumer's own database that records what it applied, in order. */
export const createSeenTable = (db: DataSource) =>
  db.query(`CREATE TABLE seen (seq bigserial PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL, event_id uuid NOT NULL)`);

const record = async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
  // Enforces per-aggregate order: version n may only follow version n-1.
  const [{ last }] = await manager.query(`SELECT coalesce(max(stream_version), 0)::int AS last FROM seen WHERE stream_id = $1`, [event.streamId]);
  if (event.streamVersion !== last + 1) throw new Error(`out of order: ${event.streamId} v${event.streamVersion} after v${last}`);
  await manager.query(`INSERT INTO seen (stream_id, stream_version, event_id) VALUES ($1, $2, $3)`, [event.streamId, event.streamVersion, event.eventId]);
};

export const recordingHandlers: EventHandlers = {
  StorageAccountCreated: record,
  EncryptionEnabled: record,
  EncryptionDisabled: record,
};

export const seenRows = async (db: DataSource): Promise<Array<{ stream_id: string; stream_version: number; event_id: string }>> =>
  db.query(`SELECT stream_id, stream_version, event_id FROM seen ORDER BY seq`);

export const accountsTopic = Topics.accounts;

/** Logs warnings and errors only, or nothing (`silent`: for specs that provoke failures on purpose). */
export const quietLogger = (silent = false) => ({ ...consoleLogger, info: () => undefined, ...(silent && { warn: () => undefined, error: () => undefined }) });

export interface Pipeline {
  readonly ctx: TestContext;
  /** The producer's database: an event store whose outbox the relay publishes. */
  readonly producerDb: DataSource;
  /** The consumer's database, with the `seen` projection. */
  readonly consumerDb: DataSource;
  readonly kafka: KafkaConnection;
  readonly relay: OutboxRelay;
  readonly consumer: EventConsumer;
  stop(): Promise<void>;
}

/**
 * A producer's outbox -> its relay -> Kafka (the accounts topic) -> a
 * consumer in another database recording into `seen`, all started: what this
 * lib's integration specs exercise. `consumer` overrides the consumer's
 * options (group "projection", recordingHandlers by default).
 */
export const startPipeline = async (
  label: string,
  { partitions, silent = false, consumer: options = {} }: { partitions?: number; silent?: boolean; consumer?: Partial<EventConsumerOptions> } = {},
): Promise<Pipeline> => {
  const logger = quietLogger(silent);
  const ctx = await createTestContext(label);
  const producerDb = await ctx.openDatabase(eventStoreMigrations, 'producer');
  const consumerDb = await ctx.openDatabase(messagingMigrations, 'consumer');
  await createSeenTable(consumerDb);
  const kafka = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: `${label}-spec`, topicPrefix: ctx.topicPrefix, partitions }, logger);
  await kafka.ensureTopics([accountsTopic]);
  const relay = new OutboxRelay(producerDb, kafka, logger);
  relay.start();
  const consumer = new EventConsumer(consumerDb, kafka, logger, { groupId: 'projection', topics: [accountsTopic], handlers: recordingHandlers, ...options });
  await consumer.start();
  return {
    ctx,
    producerDb,
    consumerDb,
    kafka,
    relay,
    consumer,
    async stop() {
      await relay.stop();
      await consumer.stop();
      await ctx.dispose();
    },
  };
};
