import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { AccountDirectory } from './account-directory';
import { AccountEncryptionProjection } from './account-encryption.projection';
import { CreateAccountEncryptionState1764600000100 } from './migrations/1764600000100-create-account-encryption-state';
import { ExtendAccountView1764700000100 } from './migrations/1764700000100-extend-account-view';
import { AddGeoFailoverState1765000000400 } from './migrations/1765000000400-add-geo-failover-state';
import { AddResourceGroup1765110000100 } from './migrations/1765110000100-add-resource-group';

/** Migrations this feature adds to the service's list. */
export const accountEncryptionMigrations = [
  CreateAccountEncryptionState1764600000100,
  ExtendAccountView1764700000100,
  AddGeoFailoverState1765000000400,
  AddResourceGroup1765110000100,
];

/**
 * The data plane's view of accounts and its side of the encryption
 * consistency contract: state table, acknowledgements, and the lookup every
 * request makes.
 */
@Module({ providers: [...provideEventSubscriber(AccountEncryptionProjection), AccountDirectory], exports: [AccountDirectory] })
export class AccountEncryptionModule {}
