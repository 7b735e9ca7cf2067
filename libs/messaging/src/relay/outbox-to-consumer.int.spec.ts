import type { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations, OutboxPublisher, type PendingOutboxMessage } from '@atrest/event-store';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { consoleLogger, EventConsumer, KafkaConnection, messagingMigrations, OutboxRelay } from '../index';
import { accountEvent, accountsTopic, createSeenTable, now, recordingHandlers, seenRows } from '../testing-fixtures';

const quiet = { ...consoleLogger, info: () => undefined };

describe('outbox -> Kafka -> consumer in another database (real broker and Postgres)', () => {
  let ctx: TestContext;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let kafka: KafkaConnection;
  let store: EventStore;
  let consumer: EventConsumer;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    ctx = await createTestContext('outbox-relay');
    producerDb = await ctx.openDatabase(eventStoreMigrations, 'producer');
    consumerDb = await ctx.openDatabase(messagingMigrations, 'consumer');
    await createSeenTable(consumerDb);
    kafka = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: 'relay-spec', topicPrefix: ctx.topicPrefix }, quiet);
    await kafka.ensureTopics([accountsTopic]);
    store = new EventStore(producerDb);
    consumer = new EventConsumer(consumerDb, kafka, quiet, { groupId: 'projection', topics: [accountsTopic], handlers: recordingHandlers });
    await consumer.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await consumer.stop();
    await ctx.dispose();
  });

  it('delivers every event exactly once in effect and in per-aggregate order, across a relay killed mid-batch and duplicates', async () => {
    const accounts = ['alpha', 'bravo', 'charlie', 'delta'];
    const perAccount = 15;
    const appendRound = async (from: number, to: number) => {
      for (let i = from; i < to; i++)
        await Promise.all(accounts.map((a) => store.append(`acct-${a}`, i, [accountEvent(a, i)], { now })));
    };

    await appendRound(0, 5);
    // A relay that dies after Kafka acknowledged the batch but before marking it published.
    const sender = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: 'crashing-relay', topicPrefix: ctx.topicPrefix }, quiet).producer();
    await sender.connect();
    const crashing = new OutboxPublisher(producerDb);
    const sendThenDie = async (messages: readonly PendingOutboxMessage[]) => {
      await sender.send({
        topic: `${ctx.topicPrefix}${accountsTopic}`,
        messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.payload) })),
      });
      throw new Error('relay killed');
    };
    // 0 while the rows are not yet past the cluster-wide gate (ADR 0002: a spec beside this one may hold it back).
    const crashed = async (): Promise<void> => {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50)))
        if ((await crashing.publishNextBatch(7, sendThenDie)) > 0) throw new Error('the crashing relay marked its batch published');
      throw new Error('the crashing relay got no batch within 20 s');
    };
    await expect(crashed()).rejects.toThrow('relay killed');
    await sender.disconnect();

    relay = new OutboxRelay(producerDb, kafka, quiet, { batchSize: 10 });
    relay.start();
    await appendRound(5, perAccount);

    // The same message delivered twice more, on purpose.
    const [first] = await store.readStream('acct-alpha');
    await new KafkaProbe(ctx.kafkaBrokers).produce(`${ctx.topicPrefix}${accountsTopic}`, [
      { key: first.streamId, value: JSON.stringify(first) },
    ]);

    const total = accounts.length * perAccount;
    const rows = await waitFor(async () => {
      const seen = await seenRows(consumerDb);
      return seen.length >= total && seen;
    }, { what: `${total} events in the consumer's projection`, timeoutMs: 30_000 });

    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(total);
    for (const a of accounts) {
      const versions = rows.filter((r) => r.stream_id === `acct-${a}`).map((r) => r.stream_version);
      expect(versions).toEqual(Array.from({ length: perAccount }, (_, i) => i + 1));
    }
    const [{ pending }] = await producerDb.query(`SELECT count(*)::int AS pending FROM outbox`);
    expect(pending).toBe(0);
  });

  it('is woken by each commit on its database: with its idle poll an hour apart, a new event is still relayed', async () => {
    await relay?.stop();
    relay = new OutboxRelay(producerDb, kafka, quiet, { idleMs: 3_600_000 });
    relay.start();
    const before = (await seenRows(consumerDb)).length;
    // Give the relay time to finish its first pass and fall asleep for the hour.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // As services append: in a transaction (a statement outside one waits for the idle poll).
    await store.transaction((manager) => store.append('acct-echo', 0, [accountEvent('echo', 0)], { now, manager }));
    await waitFor(async () => (await seenRows(consumerDb)).some((row) => row.stream_id === 'acct-echo'), {
      what: "the event relayed on the commit's nudge",
      timeoutMs: 20_000,
    });
    expect((await seenRows(consumerDb)).length).toBe(before + 1);
  });
});
