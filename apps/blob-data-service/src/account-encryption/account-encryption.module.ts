import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { AccountEncryptionProjection } from './account-encryption.projection';
import { CreateAccountEncryptionState1764600000100 } from './migrations/1764600000100-create-account-encryption-state';

/** Migrations this feature adds to the service's list. */
export const accountEncryptionMigrations = [CreateAccountEncryptionState1764600000100];

/** The data plane's side of the encryption consistency contract: state table + acknowledgements. */
@Module({ providers: [...provideEventSubscriber(AccountEncryptionProjection)] })
export class AccountEncryptionModule {}
