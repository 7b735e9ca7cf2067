import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { AccountEncryptionModule } from '../account-encryption/account-encryption.module';
import { StartKeyRewrapController } from './commands/start-key-rewrap/start-key-rewrap.controller';
import { StartKeyRewrapHandler } from './commands/start-key-rewrap/start-key-rewrap.handler';
import { CreateKeyRewrapJobs1765110000200 } from './migrations/1765110000200-create-key-rewrap-jobs';
import { GetKeyRewrapController } from './queries/get-key-rewrap/get-key-rewrap.controller';
import { GetKeyRewrapHandler } from './queries/get-key-rewrap/get-key-rewrap.handler';
import { RewrapJobs } from './store/rewrap-jobs.repository';
import { KeyRewrapSubscriber } from './subscriptions/key-rewrap.subscriber';
import { AccountKeyRewrap } from './worker/account-key-rewrap';
import { KeyRewrapWorker } from './worker/key-rewrap.worker';

/** Migrations this feature adds to the main database. */
export const keyRewrapMigrations = [CreateKeyRewrapJobs1765110000200];

/**
 * Re-wrapping stored data keys after a rotation (issue 4; docs/adr/0005):
 * jobs recorded from atrest.keys, an in-process worker that walks the
 * account's region stores, and the job's progress on the management plane
 * (.../encryptionKeys/rewrap, routed here by the gateway).
 */
@Module({
  imports: [AccountEncryptionModule],
  controllers: [GetKeyRewrapController, StartKeyRewrapController],
  providers: [RewrapJobs, AccountKeyRewrap, KeyRewrapWorker, GetKeyRewrapHandler, StartKeyRewrapHandler, ...provideEventSubscriber(KeyRewrapSubscriber)],
})
export class KeyRewrapModule {}
