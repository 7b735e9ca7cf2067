import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReplicationEvent } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '@atrest/event-store';
import type { ReplicatedAccount } from '../accounts/replicated-accounts.repository';
import { recordReport } from './checkpoint.repository';
import type { GeoReplicationView } from './domain/geo-replication-view';

type Data<T extends ReplicationEvent['type']> = Extract<ReplicationEvent, { type: T }>['data'];

/** The stream the replicator reports an account on. */
export const geoReplicationStreamId = (account: string): string => `GeoReplication-${account}`;

/**
 * Publishes the replicator's reports on atrest.replication through its
 * outbox, each on the account's GeoReplication stream with the checkpoint
 * updated in the same transaction.
 */
@Injectable()
export class ProgressPublisher {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async progressed(account: ReplicatedAccount, view: GeoReplicationView, pendingChanges: number, now: Date): Promise<void> {
    const data: Data<'GeoReplicationProgressed'> = {
      accountName: account.name,
      incarnation: account.incarnation,
      primaryLocation: account.primaryRegion,
      secondaryLocation: account.secondaryRegion,
      status: view.status,
      lastSyncTime: view.lastSyncTime?.toISOString() ?? null,
      canFailover: view.canFailover,
      pendingChanges,
      reportedAt: now.toISOString(),
    };
    await this.publish(account.name, { type: 'GeoReplicationProgressed', data }, { status: view.status, lastSyncTime: view.lastSyncTime, at: now });
  }

  async failoverPrepared(account: ReplicatedAccount, data: Data<'FailoverReplicaPrepared'>, lastSyncTime: Date | null, now: Date): Promise<void> {
    await this.publish(account.name, { type: 'FailoverReplicaPrepared', data }, { status: 'Unavailable', lastSyncTime, at: now, preparedFailoverId: data.operationId });
  }

  private async publish(account: string, event: ReplicationEvent, report: Parameters<typeof recordReport>[2]): Promise<void> {
    await this.db.transaction(async (manager) => {
      const version = await recordReport(manager, account, report);
      await enqueueEvents(manager, envelopeEvents(geoReplicationStreamId(account), version, [event], report.at, { actor: 'replicator-service' }));
    });
  }
}
