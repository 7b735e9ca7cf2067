import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { AccountCache } from './account-cache';
import { AccountChangeListener } from './account-change-listener';
import { AccountDirectory } from './account-directory';
import { AccountEncryptionProjection } from './account-encryption.projection';
import { CreateAccountEncryptionState1764600000100 } from './migrations/1764600000100-create-account-encryption-state';
import { ExtendAccountView1764700000100 } from './migrations/1764700000100-extend-account-view';
import { AddGeoFailoverState1765000000400 } from './migrations/1765000000400-add-geo-failover-state';
import { AddResourceGroup1765110000100 } from './migrations/1765110000100-add-resource-group';
import { NotifyAccountChanges1765200000500 } from './migrations/1765200000500-notify-account-changes';
import { RememberFailedOverRegion1765400000100 } from './migrations/1765400000100-remember-failed-over-region';
import { AddAccountAccessTier1765400000400 } from './migrations/1765400000400-add-account-access-tier';

/** Migrations this feature adds to the service's list. */
export const accountEncryptionMigrations = [
  CreateAccountEncryptionState1764600000100,
  ExtendAccountView1764700000100,
  AddGeoFailoverState1765000000400,
  AddResourceGroup1765110000100,
  NotifyAccountChanges1765200000500,
  RememberFailedOverRegion1765400000100,
  AddAccountAccessTier1765400000400,
];

/**
 * The data plane's view of accounts and its side of the encryption
 * consistency contract: state table, acknowledgements, and the lookup every
 * request makes (cached while its change notifications are heard).
 */
@Module({
  providers: [
    ...provideEventSubscriber(AccountEncryptionProjection),
    { provide: AccountCache, useFactory: () => new AccountCache() },
    AccountChangeListener,
    AccountDirectory,
  ],
  exports: [AccountDirectory],
})
export class AccountEncryptionModule {}
