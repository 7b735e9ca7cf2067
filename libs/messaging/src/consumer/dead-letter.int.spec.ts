import type { DataSource } from 'typeorm';
import { deadLetterTopic } from '@atrest/contracts';
import { EventStore, eventStoreMigrations } from '@atrest/event-store';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { consoleLogger, EventConsumer, KafkaConnection, messagingMigrations, OutboxRelay } from '../index';
import { accountEvent, accountsTopic, createSeenTable, now, recordingHandlers, seenRows } from '../testing-fixtures';

const quiet = { ...consoleLogger, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('dead-letter topic (real broker and Postgres)', () => {
  let ctx: TestContext;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let kafka: KafkaConnection;
  let probe: KafkaProbe;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const topic = () => `${ctx.topicPrefix}${accountsTopic}`;

  beforeAll(async () => {
    ctx = await createTestContext('dead-letter');
    producerDb = await ctx.openDatabase(eventStoreMigrations, 'producer');
    consumerDb = await ctx.openDatabase(messagingMigrations, 'consumer');
    await createSeenTable(consumerDb);
    kafka = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: 'dlq-spec', topicPrefix: ctx.topicPrefix, partitions: 1 }, quiet);
    await kafka.ensureTopics([accountsTopic]);
    probe = new KafkaProbe(ctx.kafkaBrokers);
    relay = new OutboxRelay(producerDb, kafka, quiet);
    relay.start();
    consumer = new EventConsumer(consumerDb, kafka, quiet, {
      groupId: 'projection',
      topics: [accountsTopic],
      maxAttempts: 3,
      retryDelayMs: 10,
      handlers: {
        ...recordingHandlers,
        // A handler that can never succeed for one account: a poison event.
        EncryptionEnabled: async (event, manager) => {
          if ((event.data as { accountName: string }).accountName === 'poison') throw new Error('projection is broken for poison');
          await recordingHandlers.EncryptionEnabled(event, manager);
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await relay.stop();
    await consumer.stop();
    await ctx.dispose();
  });

  it('parks a malformed message with its reason and keeps consuming the partition (a type it does not handle is skipped unread)', async () => {
    await probe.produce(topic(), [
      { key: 'x', value: '{"this is": "not an event"' },
      { key: 'x', value: JSON.stringify({ eventId: 'nope', type: 'EncryptionEnabled' }) },
      { key: 'x', value: JSON.stringify({ eventId: 'not read', type: 'SomethingThisConsumerIgnores' }) },
    ]);
    await new EventStore(producerDb).append('acct-after-malformed', 0, [accountEvent('aftermalformed', 0)], { now });

    await waitFor(async () => (await seenRows(consumerDb)).some((r) => r.stream_id === 'acct-after-malformed'), {
      what: 'the event after the malformed messages',
    });
    // Waits for a third to show that none comes (the skipped message was consumed before the event after it).
    const dead = await probe.readAll(deadLetterTopic(topic()), { atLeast: 3, timeoutMs: 3_000 });
    expect(dead).toHaveLength(2);
    const reasons = dead.map((m) => m.headers?.['dlq-reason']?.toString());
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/message is not JSON/), expect.stringMatching(/envelope: eventId/)]));
    expect(dead[0].headers?.['dlq-original-topic']?.toString()).toBe(topic());
  });

  it('parks an event whose handler keeps failing after bounded retries, and moves on', async () => {
    const store = new EventStore(producerDb);
    await store.append('acct-poison', 0, [accountEvent('poison', 0), accountEvent('poison', 1)], { now });
    await store.append('acct-healthy', 0, [accountEvent('healthy', 0), accountEvent('healthy', 1)], { now });

    await waitFor(async () => (await seenRows(consumerDb)).filter((r) => r.stream_id === 'acct-healthy').length === 2, {
      what: 'the healthy account behind the poison event',
    });
    const dead = await probe.readAll(deadLetterTopic(topic()), { atLeast: 3 });
    const poison = dead.find((m) => /projection is broken for poison/.test(m.headers?.['dlq-reason']?.toString() ?? ''));
    expect(poison?.headers?.['dlq-attempts']?.toString()).toBe('3');
    // The failed attempt rolled back whole: not recorded as processed, nothing projected.
    expect((await seenRows(consumerDb)).filter((r) => r.stream_id === 'acct-poison').map((r) => r.stream_version)).toEqual([1]);
  });
});
