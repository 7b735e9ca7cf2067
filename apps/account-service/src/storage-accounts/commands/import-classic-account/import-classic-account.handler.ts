import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { PutResourceGroupHandler } from '../../../resource-groups/commands/put-resource-group/put-resource-group.handler';
import { ResourceGroupsView } from '../../../resource-groups/projections/resource-group.view';
import { assertValidAccountName, parseLocation } from '../../domain/account-values';
import type { AccountSettings } from '../../domain/storage-account.commands';
import { GetStorageAccountHandler } from '../../queries/get-storage-account/get-storage-account.handler';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';

/**
 * Classic accounts live in the resource group Azure showed them in,
 * `Default-Storage-<Region>` (e.g. Default-Storage-EastUS), created here if
 * missing. There they are visible through the Microsoft.Storage API, so a
 * client trying to enable SSE on one gets the classic-account rule's answer.
 */
export const classicResourceGroupName = (regionDisplayName: string): string => `Default-Storage-${regionDisplayName.replace(/\s+/g, '')}`;

@Injectable()
export class ImportClassicAccountHandler {
  constructor(
    @Inject(ResourceGroupsView) private readonly groups: ResourceGroupsView,
    @Inject(PutResourceGroupHandler) private readonly putGroup: PutResourceGroupHandler,
    @Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor,
    @Inject(GetStorageAccountHandler) private readonly accounts: GetStorageAccountHandler,
  ) {}

  async execute(subscriptionId: string, accountName: string, settings: AccountSettings, metadata: EventMetadata) {
    // Checked before the group is made, so a refused import leaves nothing behind.
    assertValidAccountName(accountName);
    const region = parseLocation(settings.location);
    const resourceGroup = classicResourceGroupName(region.displayName);
    if (!(await this.groups.find(subscriptionId, resourceGroup)))
      await this.putGroup.execute({ type: 'PutResourceGroup', subscriptionId, name: resourceGroup, location: region.name, now: new Date() }, metadata);
    const address = { subscriptionId, resourceGroup, accountName };
    await this.executor.execute({ type: 'ImportClassicStorageAccount', ...address, settings, now: new Date() }, metadata);
    return this.accounts.execute(address);
  }
}
