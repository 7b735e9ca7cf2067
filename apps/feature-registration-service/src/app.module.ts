import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArmExceptionFilter } from '@atrest/azure-wire';
import { Topics } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { FeatureRegistrationServiceConfig } from './config';
import { registrationStatusTable } from './subscription-registration/edge/registration-status.table';
import { SubscriptionRegistrationModule, subscriptionRegistrationMigrations } from './subscription-registration/subscription-registration.module';

@Module({})
export class AppModule {
  static forRoot(config: FeatureRegistrationServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [...eventStoreMigrations, ...messagingMigrations, ...subscriptionRegistrationMigrations],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'feature-registration-service'),
          topics: [Topics.features],
          relayOutbox: true,
        }),
        SubscriptionRegistrationModule.forRoot({ mode: config.FEATURE_APPROVAL_POLICY, delayMs: config.FEATURE_APPROVAL_DELAY_MS }),
      ],
      providers: [{ provide: APP_FILTER, useValue: new ArmExceptionFilter(registrationStatusTable) }],
    };
  }
}
