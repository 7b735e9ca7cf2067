import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ResourceGroupsView } from '../../projections/resource-group.view';
import { toArmResourceGroup } from '../../resource-group.arm';

@Controller('subscriptions/:subscriptionId/resourcegroups')
export class ListResourceGroupsController {
  constructor(@Inject(ResourceGroupsView) private readonly view: ResourceGroupsView) {}

  /** Every group of the subscription, in one page (ARM's `{value}` without nextLink). */
  @Get()
  async list(@Param('subscriptionId') subscriptionId: string) {
    return { value: (await this.view.list(subscriptionId)).map(toArmResourceGroup) };
  }
}
