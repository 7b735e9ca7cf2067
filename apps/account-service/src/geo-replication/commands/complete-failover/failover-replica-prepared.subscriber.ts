import { Inject, Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type ReplicationEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import { GeoFailoverCommandExecutor } from '../geo-failover-command.executor';

type Prepared = Extract<ReplicationEvent, { type: 'FailoverReplicaPrepared' }>['data'];

/**
 * The failover's process manager step: when the replicator has prepared the
 * secondary (FailoverReplicaPrepared on atrest.replication), the account's
 * stream records the completion (GeoFailoverCompleted), which the data plane
 * then applies. Idempotent: the decision completes an operation once.
 */
@Injectable()
export class FailoverReplicaPreparedSubscriber implements EventSubscriber {
  readonly groupId = 'account-service.geo-failover';
  readonly topics = [Topics.replication];
  readonly handlers = {
    FailoverReplicaPrepared: async (event: EventEnvelope): Promise<void> => {
      const prepared = event.data as Prepared;
      await this.executor.execute(
        {
          type: 'CompleteFailover',
          accountName: prepared.accountName,
          operationId: prepared.operationId,
          unreplicatedChanges: prepared.unreplicatedChanges,
          lastSyncTime: prepared.lastSyncTime,
          now: new Date(),
        },
        { causationId: event.eventId, actor: 'replicator-service' },
      );
    },
  };

  constructor(@Inject(GeoFailoverCommandExecutor) private readonly executor: GeoFailoverCommandExecutor) {}
}
