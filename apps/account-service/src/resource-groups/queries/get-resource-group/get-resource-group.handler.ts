import { Inject, Injectable } from '@nestjs/common';
import type { ResourceGroup } from '../../domain/resource-group';
import { resourceGroupNotFound } from '../../domain/resource-group.errors';
import { ResourceGroupsView } from '../../projections/resource-group.view';

@Injectable()
export class GetResourceGroupHandler {
  constructor(@Inject(ResourceGroupsView) private readonly view: ResourceGroupsView) {}

  /** The group, or ResourceGroupNotFound. */
  async execute(subscriptionId: string, name: string): Promise<ResourceGroup> {
    const group = await this.view.find(subscriptionId, name);
    if (!group) throw resourceGroupNotFound(name);
    return group;
  }
}
