import { Module } from '@nestjs/common';
import { AccountEncryptionModule } from '../account-encryption/account-encryption.module';
import { ApplyBlobSnapshotController } from './commands/apply-blob-snapshot/apply-blob-snapshot.controller';
import { ApplyContainerSnapshotController } from './commands/apply-container-snapshot/apply-container-snapshot.controller';
import { PutExtentCopyController } from './commands/put-extent-copy/put-extent-copy.controller';
import { GetBlobSnapshotController } from './queries/get-blob-snapshot/get-blob-snapshot.controller';
import { GetContainerSnapshotController } from './queries/get-container-snapshot/get-container-snapshot.controller';
import { GetSyncStateController } from './queries/get-sync-state/get-sync-state.controller';

/**
 * The internal replication API replicator-service drives (docs/adr/0007):
 * snapshots of a stream's rows from a region store, copied extents and
 * snapshots applied to another, and the comparison of two stores. Stored
 * bytes only: nothing here holds or asks for a key.
 */
@Module({
  imports: [AccountEncryptionModule],
  controllers: [
    GetBlobSnapshotController,
    GetContainerSnapshotController,
    GetSyncStateController,
    PutExtentCopyController,
    ApplyBlobSnapshotController,
    ApplyContainerSnapshotController,
  ],
})
export class ReplicationModule {}
