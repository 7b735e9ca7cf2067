import { Injectable } from '@nestjs/common';
import { blobEvents, Topics, type EventEnvelope } from '@atrest/contracts';
import type { EventHandler, EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';
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
 * change from a region that is not its primary, is skipped.
 */
@Injectable()
export class BlobChangesSubscriber implements EventSubscriber {
  readonly groupId = 'replicator-service.changes';
  readonly topics = [Topics.blobs];
  readonly handlers: Record<string, EventHandler> = Object.fromEntries(blobEvents.map((definition) => [definition.type, (e, m) => this.enqueue(e, m)]));

  private async enqueue(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const stream = parseStreamId(event.streamId);
    if (!stream) return;
    const { region } = event.data as { region: string };
    if ((await replicationRole(manager, stream.account, region)) === 'ignore') return;
    await enqueueChange(manager, stream, event.streamVersion, new Date(event.occurredAt));
  }
}
