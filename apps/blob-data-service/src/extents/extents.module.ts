import { Module } from '@nestjs/common';
import { GetExtentController } from './queries/get-extent/get-extent.controller';

/** The internal extent API (replication seam, docs/adr/0006). */
@Module({ controllers: [GetExtentController] })
export class ExtentsModule {}
