import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { DataPlaneAcksProjection } from './data-plane-acks.projection';

/** The data plane's acknowledgements of account encryption changes (the consistency contract). */
@Module({ providers: [...provideEventSubscriber(DataPlaneAcksProjection)] })
export class DataPlaneAcksModule {}
