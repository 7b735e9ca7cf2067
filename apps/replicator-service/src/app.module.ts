import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { accountsMigrations, AccountsModule } from './accounts/accounts.module';
import { ChangesModule } from './changes/changes.module';
import { ReplicatorServiceConfig } from './config';
import { CopyingModule } from './copying/copying.module';
import { MetricsModule } from './metrics/metrics.module';
import { queueMigrations } from './queue/replication-queue.migrations';
import { syncMigrations, SyncModule } from './sync/sync.module';

/**
 * replicator-service (docs/adr/0007-geo-replication.md): follows accounts and
 * the data plane's changes, copies ciphertext to each geo-redundant
 * account's paired region through blob-data-service, and reports the last
 * sync time on atrest.replication. No key-service credential, no region
 * store connection.
 */
@Module({})
export class AppModule {
  static forRoot(config: ReplicatorServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [...eventStoreMigrations, ...messagingMigrations, ...accountsMigrations, ...queueMigrations, ...syncMigrations],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'replicator-service'),
          topics: [Topics.replication, Topics.blobs, Topics.dataPlane, Topics.accounts],
          relayOutbox: true,
        }),
        CopyingModule,
        AccountsModule,
        ChangesModule,
        SyncModule,
        MetricsModule,
      ],
    };
  }
}
