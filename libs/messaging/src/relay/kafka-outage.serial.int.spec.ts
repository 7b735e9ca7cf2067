import type { DataSource } from 'typeorm';
import { EventStore } from '@atrest/event-store';
import { waitFor, withKafkaOutage } from '@atrest/testing';
import { accountEvent, now, seenRows, startPipeline, type Pipeline } from '../testing-fixtures';

// Stops the shared broker, so it is a *.serial.* spec: run alone after the others (scripts/test.sh).
describe('Kafka broker outage while events are appended (real broker and Postgres)', () => {
  let pipeline: Pipeline;
  let producerDb: DataSource;
  let consumerDb: DataSource;

  beforeAll(async () => {
    pipeline = await startPipeline('kafka-outage', { silent: true });
    ({ producerDb, consumerDb } = pipeline);
  });

  afterAll(() => pipeline.stop());

  it('delivers every event appended before, during and after the outage', async () => {
    const store = new EventStore(producerDb);
    let version = 0;
    const appendSome = async (n: number) => {
      for (let i = 0; i < n; i++, version++) await store.append('acct-outage', version, [accountEvent('outage', version)], { now });
    };
    await appendSome(5);
    await waitFor(async () => (await seenRows(consumerDb)).length === 5, { what: 'events before the outage' });

    await withKafkaOutage(4_000, () => appendSome(10));
    await appendSome(5);

    const rows = await waitFor(async () => {
      const seen = await seenRows(consumerDb);
      return seen.length >= 20 && seen;
    }, { what: 'all 20 events after the broker came back', timeoutMs: 90_000 });
    expect(rows.map((r) => r.stream_version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  }, 180_000); // a broker stop and start on a busy 2-core machine
});
