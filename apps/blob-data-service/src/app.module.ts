import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { accountEncryptionMigrations, AccountEncryptionModule } from './account-encryption/account-encryption.module';
import { BlobDataServiceConfig } from './config';

@Module({})
export class AppModule {
  static forRoot(config: BlobDataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [...eventStoreMigrations, ...messagingMigrations, ...accountEncryptionMigrations],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'blob-data-service'),
          topics: [Topics.blobs, Topics.accounts, Topics.keys],
          relayOutbox: true,
        }),
        AccountEncryptionModule,
      ],
    };
  }
}
