import { Module } from '@nestjs/common';
import { AuditLog } from './audit.log';
import { GetKeyAuditController } from './queries/get-key-audit/get-key-audit.controller';
import { GetKeyAuditHandler } from './queries/get-key-audit/get-key-audit.handler';

/** The record of every data-key operation, and the operator's query over it. */
@Module({
  controllers: [GetKeyAuditController],
  providers: [AuditLog, GetKeyAuditHandler],
  exports: [AuditLog],
})
export class AuditModule {}
