import { Controller, Delete, Inject, Param } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { DeleteResourceGroupHandler } from './delete-resource-group.handler';

@Controller('subscriptions/:subscriptionId/resourcegroups/:resourceGroupName')
export class DeleteResourceGroupController {
  constructor(@Inject(DeleteResourceGroupHandler) private readonly handler: DeleteResourceGroupHandler) {}

  /** Synchronous: 200 once the group is gone (@azure/arm-resources' poller accepts a final 200). */
  @Delete()
  async delete(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') name: string,
    @CommandMetadata() metadata: EventMetadata,
  ): Promise<void> {
    await this.handler.execute({ type: 'DeleteResourceGroup', subscriptionId, name, now: new Date() }, metadata);
  }
}
