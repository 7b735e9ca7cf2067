import type { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations } from '@atrest/event-store';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { consoleLogger, EventConsumer, KafkaConnection, messagingMigrations, OutboxRelay } from '../index';
import { accountEvent, accountsTopic, createSeenTable, now, recordingHandlers, seenRows } from '../testing-fixtures';

const quiet = { ...consoleLogger, info: () => undefined };

// EventConsumerOptions.skips: events it says change nothing are acknowledged
// without a transaction, a handler call or a processed_events row.

let ctx: TestContext;
let producerDb: DataSource;
let consumerDb: DataSource;
let relay: OutboxRelay;
let consumer: EventConsumer;

beforeAll(async () => {
  ctx = await createTestContext('skipped-events');
  producerDb = await ctx.openDatabase(eventStoreMigrations, 'producer');
  consumerDb = await ctx.openDatabase(messagingMigrations, 'consumer');
  await createSeenTable(consumerDb);
  const kafka = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: 'skips-spec', topicPrefix: ctx.topicPrefix, partitions: 1 }, quiet);
  await kafka.ensureTopics([accountsTopic]);
  relay = new OutboxRelay(producerDb, kafka, quiet);
  relay.start();
  consumer = new EventConsumer(consumerDb, kafka, quiet, {
    groupId: 'skipping',
    topics: [accountsTopic],
    handlers: recordingHandlers,
    skips: async (event) => event.streamId === 'acct-skipped',
  });
  await consumer.start();
});
afterAll(async () => {
  await relay.stop();
  await consumer.stop();
  await ctx.dispose();
});

it('acknowledges what `skips` rules out without applying or recording it, and applies the rest in order', async () => {
  const store = new EventStore(producerDb);
  for (let i = 0; i < 3; i++)
    for (const account of ['skipped', 'kept'])
      await store.transaction((manager) => store.append(`acct-${account}`, i, [accountEvent(account, i)], { now, manager }));
  const rows = await waitFor(async () => {
    const seen = await seenRows(consumerDb);
    return seen.length >= 3 && seen;
  }, { what: 'the kept account’s three events', timeoutMs: 30_000 });
  expect(rows.map((r) => [r.stream_id, r.stream_version])).toEqual([
    ['acct-kept', 1],
    ['acct-kept', 2],
    ['acct-kept', 3],
  ]);
  const processed: Array<{ event_id: string }> = await consumerDb.query(`SELECT event_id FROM processed_events`);
  expect(processed.map((p) => p.event_id).sort()).toEqual(rows.map((r) => r.event_id).sort());
});
