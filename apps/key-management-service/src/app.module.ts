import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Topics } from '@atrest/contracts';
import { ArmExceptionFilter } from '@atrest/azure-wire';
import { eventStoreMigrations } from '@atrest/event-store';
import { kafkaSettingsFrom, MessagingModule, messagingMigrations } from '@atrest/messaging';
import { DatabaseModule } from '@atrest/platform';
import { AuditModule } from './audit/audit.module';
import { KeyManagementServiceConfig } from './config';
import { CustomerKeysModule } from './customer-keys/customer-keys.module';
import { kmsClientsOf } from './data-keys/client-auth/kms-clients.setting';
import { DataKeysModule } from './data-keys/data-keys.module';
import { keyManagementStatusTable } from './http/arm-status.table';
import { KeyMaterialModule } from './key-material/key-material.module';
import { previousRootKeySetting, rootKeySetting } from './key-material/root-key.setting';
import { KeyRingModule } from './key-ring/key-ring.module';
import { CreateKeyTables1764500000000 } from './migrations/1764500000000-create-key-tables';

@Module({})
export class AppModule {
  static forRoot(config: KeyManagementServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrations: [...eventStoreMigrations, ...messagingMigrations, CreateKeyTables1764500000000],
        }),
        MessagingModule.forRoot({
          ...kafkaSettingsFrom(config, 'key-management-service'),
          topics: [Topics.keys, Topics.accounts],
          relayOutbox: true,
        }),
        KeyMaterialModule.forRoot(rootKeySetting.keyOf(config), previousRootKeySetting.givenKeyOf(config)),
        KeyRingModule,
        CustomerKeysModule,
        AuditModule,
        DataKeysModule.forRoot(kmsClientsOf(config)),
      ],
      providers: [{ provide: APP_FILTER, useValue: new ArmExceptionFilter(keyManagementStatusTable) }],
    };
  }
}
