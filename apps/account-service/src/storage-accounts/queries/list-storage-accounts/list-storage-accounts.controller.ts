import { Controller, Get, Inject, Param } from '@nestjs/common';
import { GetResourceGroupHandler } from '../../../resource-groups/queries/get-resource-group/get-resource-group.handler';
import { StorageAccountsView } from '../../projections/storage-account.view';
import { ACCOUNTS_IN_GROUP, ACCOUNTS_IN_SUBSCRIPTION } from '../../storage-account.routes';
import { GetStorageAccountHandler } from '../get-storage-account/get-storage-account.handler';

/** list and listByResourceGroup, each one page (ARM's `{value}` without nextLink). */
@Controller()
export class ListStorageAccountsController {
  constructor(
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(GetResourceGroupHandler) private readonly groups: GetResourceGroupHandler,
    @Inject(GetStorageAccountHandler) private readonly accounts: GetStorageAccountHandler,
  ) {}

  @Get(ACCOUNTS_IN_SUBSCRIPTION)
  async inSubscription(@Param('subscriptionId') subscriptionId: string) {
    return { value: (await this.view.list(subscriptionId)).map((r) => this.accounts.render(r)) };
  }

  @Get(ACCOUNTS_IN_GROUP)
  async inGroup(@Param('subscriptionId') subscriptionId: string, @Param('resourceGroupName') resourceGroup: string) {
    await this.groups.execute(subscriptionId, resourceGroup);
    return { value: (await this.view.list(subscriptionId, resourceGroup)).map((r) => this.accounts.render(r)) };
  }
}
