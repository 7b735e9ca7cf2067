import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ACCOUNT } from '../../storage-account.routes';
import { ListKeysHandler } from './list-keys.handler';

@Controller(ACCOUNT)
export class ListKeysController {
  constructor(@Inject(ListKeysHandler) private readonly handler: ListKeysHandler) {}

  @Post('listKeys')
  @HttpCode(200)
  listKeys(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
  ) {
    return this.handler.execute({ subscriptionId, resourceGroup, accountName });
  }
}
