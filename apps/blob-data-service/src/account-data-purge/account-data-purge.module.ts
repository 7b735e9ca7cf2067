import { Module } from '@nestjs/common';
import { AccountEncryptionModule } from '../account-encryption/account-encryption.module';
import { RetiredAccountDataPurge } from './retired-account-data-purge';

/** Data of deleted storage accounts (and of replaced incarnations) purged from the region stores. */
@Module({ imports: [AccountEncryptionModule], providers: [RetiredAccountDataPurge] })
export class AccountDataPurgeModule {}
