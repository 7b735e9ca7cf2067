import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { ResourceGroupsModule } from '../resource-groups/resource-groups.module';
import { StorageAccountsModule } from '../storage-accounts/storage-accounts.module';
import { FailoverReplicaPreparedSubscriber } from './commands/complete-failover/failover-replica-prepared.subscriber';
import { FailoverStorageAccountController } from './commands/failover-storage-account/failover-storage-account.controller';
import { GeoFailoverCommandExecutor } from './commands/geo-failover-command.executor';
import { CreateGeoReplicationViews1765000000300 } from './migrations/1765000000300-create-geo-replication-views';
import { FailoverOperationsStore } from './projections/failover-operations.store';
import { GeoReplicationStatsProjection } from './projections/geo-replication-stats.projection';
import { GetFailoverOperationController } from './queries/get-failover-operation/get-failover-operation.controller';

export const geoReplicationMigrations = [CreateGeoReplicationViews1765000000300];

/**
 * Geo-redundancy in the management plane (docs/adr/0007): the replicator's
 * reports as geoReplicationStats, and account failover as a long-running
 * operation orchestrated through the account's stream and atrest.replication.
 */
@Module({
  // ResourceGroupsModule: the EventStore.
  imports: [ResourceGroupsModule, StorageAccountsModule],
  controllers: [FailoverStorageAccountController, GetFailoverOperationController],
  providers: [
    GeoFailoverCommandExecutor,
    FailoverOperationsStore,
    ...provideEventSubscriber(GeoReplicationStatsProjection),
    ...provideEventSubscriber(FailoverReplicaPreparedSubscriber),
  ],
})
export class GeoReplicationModule {}
