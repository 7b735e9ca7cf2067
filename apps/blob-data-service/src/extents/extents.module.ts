import { Module } from '@nestjs/common';
import { GetExtentController } from './queries/get-extent/get-extent.controller';
import { RetiredExtentReclaim } from './retired-extent-reclaim';

/** The internal extent API (replication seam, docs/adr/0006), and the reclaim of extents no blob references any more. */
@Module({ controllers: [GetExtentController], providers: [RetiredExtentReclaim] })
export class ExtentsModule {}
