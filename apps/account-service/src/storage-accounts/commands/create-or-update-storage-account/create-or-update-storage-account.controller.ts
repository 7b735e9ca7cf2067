import { Body, Controller, Inject, Param, Patch, Put, Query } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { accountSettingsSchema, toAccountSettings } from '../../requests/account-settings.schema';
import { ACCOUNT } from '../../storage-account.routes';
import { CreateOrUpdateStorageAccountHandler } from './create-or-update-storage-account.handler';

@Controller(ACCOUNT)
export class CreateOrUpdateStorageAccountController {
  constructor(@Inject(CreateOrUpdateStorageAccountHandler) private readonly handler: CreateOrUpdateStorageAccountHandler) {}

  /** create: answered synchronously (200, Succeeded), which @azure/arm-storage's beginCreateAndWait accepts. */
  @Put()
  put(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Query('api-version') apiVersion: string | undefined,
    @Body() body: unknown,
    @CommandMetadata() metadata: EventMetadata,
  ) {
    const settings = toAccountSettings(parseArmBody(accountSettingsSchema, body), apiVersion);
    return this.handler.execute('PUT', { subscriptionId, resourceGroup, accountName }, settings, metadata);
  }

  /** update: location is not part of an update, so it is ignored as ARM does; names are matched in lower case. */
  @Patch()
  patch(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Query('api-version') apiVersion: string | undefined,
    @Body() body: unknown,
    @CommandMetadata() metadata: EventMetadata,
  ) {
    const settings = { ...toAccountSettings(parseArmBody(accountSettingsSchema, body), apiVersion), location: undefined };
    return this.handler.execute('PATCH', { subscriptionId, resourceGroup, accountName: accountName.toLowerCase() }, settings, metadata);
  }
}
