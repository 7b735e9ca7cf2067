import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventMetadata } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '@atrest/event-store';

/**
 * Enqueues a change event on its stream's next version, in the caller's
 * transaction (the region store's outbox). The version row is locked until
 * commit, so two changes to one blob are numbered and relayed in commit order.
 */
export const publishChange = async (manager: EntityManager, streamId: string, event: DomainEvent, now: Date, metadata: EventMetadata): Promise<void> => {
  const [{ version }] = await manager.query<{ version: number }[]>(
    `INSERT INTO blob_streams (stream_id, version) VALUES ($1, 1)
     ON CONFLICT (stream_id) DO UPDATE SET version = blob_streams.version + 1 RETURNING version`,
    [streamId],
  );
  await enqueueEvents(manager, envelopeEvents(streamId, version, [event], now, metadata));
};
