import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { StorageExceptionFilter } from '@atrest/azure-wire';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { AccountDataPurgeModule } from './account-data-purge/account-data-purge.module';
import { accountEncryptionMigrations, AccountEncryptionModule } from './account-encryption/account-encryption.module';
import { BlobRestModule } from './blob-rest/blob-rest.module';
import { UncommittedBlocksModule } from './blobs/uncommitted-blocks/uncommitted-blocks.module';
import { BlobDataServiceConfig } from './config';
import { ExtentsModule } from './extents/extents.module';
import { GatewaySocketModule } from './gateway-socket/gateway-socket.module';
import { keyRewrapMigrations, KeyRewrapModule } from './key-rewrap/key-rewrap.module';
import { keyStateMigrations, KeysModule } from './keys/keys.module';
import { RegionStoresModule } from './region-stores/region-stores.module';
import { ReplicationModule } from './replication/replication.module';
import { secondaryReadsMigrations, SecondaryReadsModule } from './secondary-reads/secondary-reads.module';

@Module({})
export class AppModule {
  static forRoot(config: BlobDataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The main database: the account view, key state, re-wrap jobs, processed events, the acknowledgements' outbox.
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [
            ...eventStoreMigrations,
            ...messagingMigrations,
            ...accountEncryptionMigrations,
            ...keyStateMigrations,
            ...secondaryReadsMigrations,
            ...keyRewrapMigrations,
          ],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'blob-data-service'),
          topics: [Topics.blobs, Topics.dataPlane, Topics.accounts, Topics.keys, Topics.replication],
          relayOutbox: true,
        }),
        AccountEncryptionModule,
        KeysModule,
        RegionStoresModule,
        BlobRestModule,
        UncommittedBlocksModule,
        AccountDataPurgeModule,
        ExtentsModule,
        ReplicationModule,
        SecondaryReadsModule,
        KeyRewrapModule,
        GatewaySocketModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: StorageExceptionFilter }],
    };
  }
}
