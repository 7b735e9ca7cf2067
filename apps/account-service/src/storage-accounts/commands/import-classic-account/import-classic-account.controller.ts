import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { toAccountSettings } from '../../requests/account-settings.schema';
import { ImportClassicAccountHandler } from './import-classic-account.handler';
import { importClassicAccountSchema } from './import-classic-account.schema';

/** OPERATOR: ARM cannot create classic accounts, so they are imported here (the gateway exposes /operator to operator tokens only). */
@Controller('operator/classicStorageAccounts/:accountName')
export class ImportClassicAccountController {
  constructor(@Inject(ImportClassicAccountHandler) private readonly handler: ImportClassicAccountHandler) {}

  @Put()
  put(@Param('accountName') accountName: string, @Body() body: unknown, @CommandMetadata() metadata: EventMetadata) {
    const { subscriptionId, ...settings } = parseArmBody(importClassicAccountSchema, body);
    return this.handler.execute(subscriptionId, accountName, { ...toAccountSettings(settings), kind: settings.kind ?? 'Storage' }, metadata);
  }
}
