import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArmExceptionFilter } from '@atrest/azure-wire';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { accountServiceStatusTable } from './arm/account-service.status-table';
import { AccountServiceConfig } from './config';
import { DataPlaneAcksModule } from './data-plane-acks/data-plane-acks.module';
import { geoReplicationMigrations, GeoReplicationModule } from './geo-replication/geo-replication.module';
import { CreateAccountViews1764600000000 } from './migrations/1764600000000-create-account-views';
import { ResourceGroupsModule } from './resource-groups/resource-groups.module';
import { AccountKeysModule } from './storage-accounts/account-keys/account-keys.module';
import { previousSealingKeySetting, sealingKeySetting } from './storage-accounts/account-keys/sealing-key.setting';
import { StorageAccountsModule } from './storage-accounts/storage-accounts.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

@Module({})
export class AppModule {
  static forRoot(config: AccountServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [...eventStoreMigrations, ...messagingMigrations, CreateAccountViews1764600000000, ...geoReplicationMigrations],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'account-service'),
          // accounts: published; features: feature registration state; blobs: the data plane's acknowledgements;
          // replication: the replicator's reports (geoReplicationStats, failover); keys: answers to key-source changes.
          topics: [Topics.accounts, Topics.features, Topics.dataPlane, Topics.replication, Topics.keys],
          relayOutbox: true,
        }),
        AccountKeysModule.forRoot(sealingKeySetting.keyOf(config), previousSealingKeySetting.givenKeyOf(config)),
        ResourceGroupsModule,
        StorageAccountsModule,
        SubscriptionsModule,
        DataPlaneAcksModule,
        GeoReplicationModule,
      ],
      providers: [{ provide: APP_FILTER, useValue: new ArmExceptionFilter(accountServiceStatusTable) }],
    };
  }
}
