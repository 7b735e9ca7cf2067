import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { DataPlaneAcksSubscriber } from '../failover/data-plane-acks.subscriber';
import { FailoverPreparer } from '../failover/failover-preparer';
import { CreateReplicationCheckpoints1765000000200 } from './migrations/1765000000200-create-replication-checkpoints';
import { ProgressPublisher } from './progress.publisher';
import { SyncTracker } from './sync-tracker';

export const syncMigrations = [CreateReplicationCheckpoints1765000000200];

/** Last sync time, status and reports per account, and the replicator's step of a failover. */
@Module({ providers: [ProgressPublisher, FailoverPreparer, SyncTracker, ...provideEventSubscriber(DataPlaneAcksSubscriber)] })
export class SyncModule {}
