import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { GeoReplicationStatsView } from '../geo-replication/projections/geo-replication-stats.view';
import { ResourceGroupsModule } from '../resource-groups/resource-groups.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { CreateOrUpdateStorageAccountController } from './commands/create-or-update-storage-account/create-or-update-storage-account.controller';
import { CreateOrUpdateStorageAccountHandler } from './commands/create-or-update-storage-account/create-or-update-storage-account.handler';
import { DeleteStorageAccountController } from './commands/delete-storage-account/delete-storage-account.controller';
import { ImportClassicAccountController } from './commands/import-classic-account/import-classic-account.controller';
import { ImportClassicAccountHandler } from './commands/import-classic-account/import-classic-account.handler';
import { MigrateClassicAccountController } from './commands/migrate-classic-account/migrate-classic-account.controller';
import { MigrateClassicAccountHandler } from './commands/migrate-classic-account/migrate-classic-account.handler';
import { KeySourceOutcomeSubscriber } from './commands/record-key-source-outcome/key-source-outcome.subscriber';
import { RegenerateKeyController } from './commands/regenerate-key/regenerate-key.controller';
import { StorageAccountCommandExecutor } from './commands/storage-account-command.executor';
import { DataPlaneAcknowledgement } from './projections/data-plane-acknowledgement';
import { StorageAccountsView } from './projections/storage-account.view';
import { CheckNameAvailabilityController } from './queries/check-name-availability/check-name-availability.controller';
import { GetInternalAccountController } from './queries/get-internal-account/get-internal-account.controller';
import { GetStorageAccountController } from './queries/get-storage-account/get-storage-account.controller';
import { GetStorageAccountHandler } from './queries/get-storage-account/get-storage-account.handler';
import { ListKeysController } from './queries/list-keys/list-keys.controller';
import { ListKeysHandler } from './queries/list-keys/list-keys.handler';
import { ListStorageAccountsController } from './queries/list-storage-accounts/list-storage-accounts.controller';

/** Storage accounts: ARM surface, operator endpoints for classic accounts, the internal lookup, the key service's answers to key-source changes. */
@Module({
  imports: [ResourceGroupsModule, SubscriptionsModule],
  controllers: [
    CreateOrUpdateStorageAccountController,
    DeleteStorageAccountController,
    RegenerateKeyController,
    ImportClassicAccountController,
    MigrateClassicAccountController,
    ListStorageAccountsController,
    GetStorageAccountController,
    ListKeysController,
    CheckNameAvailabilityController,
    GetInternalAccountController,
  ],
  providers: [
    StorageAccountsView,
    DataPlaneAcknowledgement,
    StorageAccountCommandExecutor,
    CreateOrUpdateStorageAccountHandler,
    ImportClassicAccountHandler,
    MigrateClassicAccountHandler,
    GetStorageAccountHandler,
    ListKeysHandler,
    GeoReplicationStatsView,
    ...provideEventSubscriber(KeySourceOutcomeSubscriber),
  ],
  exports: [StorageAccountsView, GeoReplicationStatsView],
})
export class StorageAccountsModule {}
