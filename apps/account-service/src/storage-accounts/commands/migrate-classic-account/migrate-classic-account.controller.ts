import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { MigrateClassicAccountHandler } from './migrate-classic-account.handler';
import { migrateClassicAccountSchema } from './migrate-classic-account.schema';

/** OPERATOR: migrates a classic account to Resource Manager (answers the account's ARM body). */
@Controller('operator/classicStorageAccounts/:accountName/migrate')
export class MigrateClassicAccountController {
  constructor(@Inject(MigrateClassicAccountHandler) private readonly handler: MigrateClassicAccountHandler) {}

  @Post()
  @HttpCode(200)
  migrate(@Param('accountName') accountName: string, @Body() body: unknown, @CommandMetadata() metadata: EventMetadata) {
    return this.handler.execute(accountName, parseArmBody(migrateClassicAccountSchema, body).resourceGroup, metadata);
  }
}
