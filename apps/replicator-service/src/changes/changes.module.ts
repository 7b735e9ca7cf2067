import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { BlobChangesSubscriber } from './blob-changes.subscriber';

/** The data plane's change events into the replication queue (atrest.blobs). */
@Module({ providers: [...provideEventSubscriber(BlobChangesSubscriber)] })
export class ChangesModule {}
