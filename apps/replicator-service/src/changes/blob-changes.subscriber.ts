import { Inject, Injectable } from '@nestjs/common';
import { blobEvents, Topics, type EventEnvelope } from '@atrest/contracts';
import type { EventHandler, EventSubscriber } from '@atrest/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { replicationRole } from '../accounts/replicated-accounts.repository';
import { enqueueChange } from '../queue/replication-queue.repository';
import { parseStreamId } from './stream-ref';

/**
 * The data plane's change events (every blob event type, whatever the
 * blob type) become queue rows: "stream S of account A reached version v,
 * committed by occurredAt". Only the row is written here, in the
 * transaction that records the event as processed; copying is the workers'
 * job. An account not known yet is queued too (its creation may still be on
 * its way on atrest.accounts); one known not to be geo-redundant, or a
 * change from a region that is not its primary, is skipped before any
 * transaction (most of the topic, when most accounts are LRS).
 */
@Injectable()
export class BlobChangesSubscriber implements EventSubscriber {
  readonly groupId = 'replicator-service.changes';
  readonly topics = [Topics.blobs];
  readonly handlers: Record<string, EventHandler> = Object.fromEntries(blobEvents.map((definition) => [definition.type, (e, m) => this.enqueue(e, m)]));

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  readonly skips = async (event: EventEnvelope): Promise<boolean> => {
    const stream = parseStreamId(event.streamId);
    return !stream || (await replicationRole(this.db, stream.account, (event.data as { region: string }).region)) === 'ignore';
  };

  private async enqueue(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await enqueueChange(manager, parseStreamId(event.streamId)!, event.streamVersion, new Date(event.occurredAt));
  }
}
