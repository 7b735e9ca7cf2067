import type { EntityManager } from 'typeorm';
import { topicOf, type DomainEvent, type EventMetadata } from '@atrest/contracts';
import { envelopeEvents } from '@atrest/event-store';
import { WriteBatch } from '../../region-stores/write-batch';

/**
 * Adds to `writes` a change event enqueued on its stream's next version (the
 * region store's outbox): the envelope is built and validated here, its
 * stream version set by the statement that takes it, so bumping the version
 * and enqueueing cost no round trip of their own. The version row stays
 * locked until commit, so two changes to one blob are numbered and relayed in commit order.
 */
export const enqueueChange = (writes: WriteBatch, streamId: string, event: DomainEvent, now: Date, metadata: EventMetadata): void => {
  const [envelope] = envelopeEvents(streamId, 0, [event], now, metadata);
  writes.add(
    'stream_version',
    `INSERT INTO blob_streams (stream_id, version) VALUES ($1, 1)
     ON CONFLICT (stream_id) DO UPDATE SET version = blob_streams.version + 1 RETURNING version`,
    [streamId],
  );
  writes.add(
    'change_event',
    `INSERT INTO outbox (topic, message_key, message_id, payload)
     SELECT $1, $2, $3, jsonb_set($4::jsonb, '{streamVersion}', to_jsonb(version)) FROM stream_version`,
    [topicOf(envelope.type, envelope.schemaVersion), envelope.streamId, envelope.eventId, JSON.stringify(envelope)],
  );
};

/** enqueueChange on its own, in the caller's transaction: one statement. */
export const publishChange = async (manager: EntityManager, streamId: string, event: DomainEvent, now: Date, metadata: EventMetadata): Promise<void> => {
  const writes = new WriteBatch();
  enqueueChange(writes, streamId, event, now, metadata);
  await writes.run(manager);
};
