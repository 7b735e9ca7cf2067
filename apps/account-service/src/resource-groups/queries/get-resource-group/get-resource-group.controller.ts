import { Controller, Get, Inject, Param } from '@nestjs/common';
import { toArmResourceGroup } from '../../resource-group.arm';
import { GetResourceGroupHandler } from './get-resource-group.handler';

@Controller('subscriptions/:subscriptionId/resourcegroups/:resourceGroupName')
export class GetResourceGroupController {
  constructor(@Inject(GetResourceGroupHandler) private readonly handler: GetResourceGroupHandler) {}

  @Get()
  async get(@Param('subscriptionId') subscriptionId: string, @Param('resourceGroupName') name: string) {
    return toArmResourceGroup(await this.handler.execute(subscriptionId, name));
  }
}
