import { Module } from '@nestjs/common';
import { AccountEncryptionModule } from '../../account-encryption/account-encryption.module';
import { UncommittedBlockExpiry } from './uncommitted-block-expiry';

/** Azure's garbage collection of uncommitted blocks: a week after a blob's last Put Block. */
@Module({ imports: [AccountEncryptionModule], providers: [UncommittedBlockExpiry] })
export class UncommittedBlocksModule {}
