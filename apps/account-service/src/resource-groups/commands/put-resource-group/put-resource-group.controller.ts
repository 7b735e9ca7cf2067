import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { toArmResourceGroup } from '../../resource-group.arm';
import { PutResourceGroupHandler } from './put-resource-group.handler';
import { putResourceGroupSchema } from './put-resource-group.schema';

@Controller('subscriptions/:subscriptionId/resourcegroups/:resourceGroupName')
export class PutResourceGroupController {
  constructor(@Inject(PutResourceGroupHandler) private readonly handler: PutResourceGroupHandler) {}

  /** ARM createOrUpdate: 201 when created, 200 when it existed. */
  @Put()
  async put(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') name: string,
    @Body() body: unknown,
    @CommandMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    const { location, tags } = parseArmBody(putResourceGroupSchema, body);
    const { group, created } = await this.handler.execute(
      { type: 'PutResourceGroup', subscriptionId, name, location, tags, now: new Date() },
      metadata,
    );
    response.status(created ? 201 : 200);
    return toArmResourceGroup(group);
  }
}
