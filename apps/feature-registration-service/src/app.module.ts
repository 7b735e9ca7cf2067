import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { FeatureRegistrationServiceConfig } from './config';

@Module({})
export class AppModule {
  static forRoot(config: FeatureRegistrationServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({ url: config.DATABASE_URL, migrations: [...eventStoreMigrations, ...messagingMigrations] }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'feature-registration-service'),
          topics: [Topics.features],
          relayOutbox: true,
        }),
      ],
    };
  }
}
