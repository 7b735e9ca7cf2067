import type { DataSource } from 'typeorm';
import { deadLetterTopic } from '@atrest/contracts';
import { EventStore } from '@atrest/event-store';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { accountEvent, accountsTopic, now, recordingHandlers, seenRows, startPipeline, type Pipeline } from '../testing-fixtures';

describe('dead-letter topic (real broker and Postgres)', () => {
  let pipeline: Pipeline;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let probe: KafkaProbe;
  const topic = () => `${pipeline.ctx.topicPrefix}${accountsTopic}`;

  beforeAll(async () => {
    pipeline = await startPipeline('dead-letter', {
      partitions: 1,
      silent: true,
      consumer: {
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
      },
    });
    ({ producerDb, consumerDb } = pipeline);
    probe = new KafkaProbe(pipeline.ctx.kafkaBrokers);
  });

  afterAll(() => pipeline.stop());

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
