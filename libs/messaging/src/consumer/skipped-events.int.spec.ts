import { EventStore } from '@atrest/event-store';
import { waitFor } from '@atrest/testing';
import { accountEvent, now, seenRows, startPipeline, type Pipeline } from '../testing-fixtures';

// EventConsumerOptions.skips: events it says change nothing are acknowledged
// without a transaction, a handler call or a processed_events row.

let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await startPipeline('skipped-events', { partitions: 1, consumer: { skips: async (event) => event.streamId === 'acct-skipped' } });
});
afterAll(() => pipeline.stop());

it('acknowledges what `skips` rules out without applying or recording it, and applies the rest in order', async () => {
  const { producerDb, consumerDb } = pipeline;
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
