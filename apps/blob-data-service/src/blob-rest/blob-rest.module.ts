import { Module, type Type } from '@nestjs/common';
import { AccountEncryptionModule } from '../account-encryption/account-encryption.module';
import { GetAccountInformationOperation } from '../account-information/get-account-information.operation';
import { GetServicePropertiesOperation } from '../service-properties/get-service-properties.operation';
import { SetServicePropertiesOperation } from '../service-properties/set-service-properties.operation';
import { AbortCopyBlobOperation } from '../blobs/commands/abort-copy-blob/abort-copy-blob.operation';
import { AppendBlockFromUrlOperation } from '../blobs/commands/append-block-from-url/append-block-from-url.operation';
import { AppendBlockOperation } from '../blobs/commands/append-block/append-block.operation';
import { CopyBlobOperation } from '../blobs/commands/copy-blob/copy-blob.operation';
import { CopySources } from '../blobs/commands/copy-sources';
import { DeleteBlobOperation } from '../blobs/commands/delete-blob/delete-blob.operation';
import { LeaseBlobOperation } from '../blobs/commands/lease-blob/lease-blob.operation';
import { PutBlobFromUrlOperation } from '../blobs/commands/put-blob-from-url/put-blob-from-url.operation';
import { PutBlobOperation } from '../blobs/commands/put-blob/put-blob.operation';
import { PutBlockListOperation } from '../blobs/commands/put-block-list/put-block-list.operation';
import { PutBlockFromUrlOperation } from '../blobs/commands/put-block-from-url/put-block-from-url.operation';
import { PutBlockOperation } from '../blobs/commands/put-block/put-block.operation';
import { PutPageFromUrlOperation } from '../blobs/commands/put-page-from-url/put-page-from-url.operation';
import { PutPageOperation } from '../blobs/commands/put-page/put-page.operation';
import { ResizePageBlobOperation } from '../blobs/commands/resize-page-blob/resize-page-blob.operation';
import { SetBlobMetadataOperation } from '../blobs/commands/set-blob-metadata/set-blob-metadata.operation';
import { SetBlobPropertiesOperation } from '../blobs/commands/set-blob-properties/set-blob-properties.operation';
import { SetBlobTierOperation } from '../blobs/commands/set-blob-tier/set-blob-tier.operation';
import { UpdateSequenceNumberOperation } from '../blobs/commands/update-sequence-number/update-sequence-number.operation';
import { GetBlobPropertiesOperation } from '../blobs/queries/get-blob-properties/get-blob-properties.operation';
import { GetBlobOperation } from '../blobs/queries/get-blob/get-blob.operation';
import { GetBlockListOperation } from '../blobs/queries/get-block-list/get-block-list.operation';
import { GetPageRangesOperation } from '../blobs/queries/get-page-ranges/get-page-ranges.operation';
import { ListBlobsOperation } from '../blobs/queries/list-blobs/list-blobs.operation';
import { CreateContainerOperation } from '../containers/commands/create-container/create-container.operation';
import { DeleteContainerOperation } from '../containers/commands/delete-container/delete-container.operation';
import { GetContainerPropertiesOperation } from '../containers/queries/get-container-properties/get-container-properties.operation';
import { GetContainerAclOperation } from '../containers/queries/get-container-acl/get-container-acl.operation';
import { SetContainerAclOperation } from '../containers/commands/set-container-acl/set-container-acl.operation';
import { SetContainerMetadataOperation } from '../containers/commands/set-container-metadata/set-container-metadata.operation';
import { LeaseContainerOperation } from '../containers/commands/lease-container/lease-container.operation';
import { ListContainersOperation } from '../containers/queries/list-containers/list-containers.operation';
import { GetBlobServiceStatsOperation } from '../secondary-reads/queries/get-blob-service-stats/get-blob-service-stats.operation';
import { BLOB_OPERATIONS, type BlobOperation } from './blob-operation';
import { BlobRestController } from './blob-rest.controller';
import { expressSettings } from './express-settings.provider';
import { OperationDispatcher } from './operation-dispatcher';

/** Every Blob REST operation atrest serves: one use case each, picked by the dispatcher. */
const operations: Type<BlobOperation>[] = [
  ListContainersOperation,
  GetBlobServiceStatsOperation,
  GetAccountInformationOperation,
  GetServicePropertiesOperation,
  SetServicePropertiesOperation,
  CreateContainerOperation,
  DeleteContainerOperation,
  GetContainerPropertiesOperation,
  GetContainerAclOperation,
  SetContainerAclOperation,
  SetContainerMetadataOperation,
  LeaseContainerOperation,
  ListBlobsOperation,
  PutBlobOperation,
  PutBlobFromUrlOperation,
  PutBlockOperation,
  PutBlockFromUrlOperation,
  PutBlockListOperation,
  GetBlockListOperation,
  AppendBlockOperation,
  AppendBlockFromUrlOperation,
  PutPageOperation,
  PutPageFromUrlOperation,
  GetPageRangesOperation,
  CopyBlobOperation,
  AbortCopyBlobOperation,
  GetBlobOperation,
  GetBlobPropertiesOperation,
  SetBlobMetadataOperation,
  SetBlobPropertiesOperation,
  SetBlobTierOperation,
  ResizePageBlobOperation,
  UpdateSequenceNumberOperation,
  DeleteBlobOperation,
  LeaseBlobOperation,
];

/** The Blob REST surface behind the gateway (data-plane protocol): `/blob/{account}/...`. */
@Module({
  imports: [AccountEncryptionModule],
  controllers: [BlobRestController],
  providers: [
    expressSettings,
    OperationDispatcher,
    CopySources,
    ...operations,
    { provide: BLOB_OPERATIONS, useFactory: (...all: BlobOperation[]) => all, inject: operations },
  ],
})
export class BlobRestModule {}
