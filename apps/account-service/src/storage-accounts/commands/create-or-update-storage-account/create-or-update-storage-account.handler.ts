import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { GetResourceGroupHandler } from '../../../resource-groups/queries/get-resource-group/get-resource-group.handler';
import { keySourceRefusal } from '../../domain/key-source.decide';
import type { AccountSettings } from '../../domain/storage-account.commands';
import { DataPlaneAcknowledgement } from '../../projections/data-plane-acknowledgement';
import { GetStorageAccountHandler } from '../../queries/get-storage-account/get-storage-account.handler';
import type { AccountAddress } from '../../storage-account.routes';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';

/**
 * PUT (create or update) and PATCH (update). Answers only after the data
 * plane has acknowledged the account's encryption state and the key service
 * has answered a key-source change (provisioningState Succeeded), or the
 * wait timed out (Updating): the consistency contract. A key-source change
 * the key service refused is answered with its error.
 */
@Injectable()
export class CreateOrUpdateStorageAccountHandler {
  constructor(
    @Inject(GetResourceGroupHandler) private readonly groups: GetResourceGroupHandler,
    @Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor,
    @Inject(DataPlaneAcknowledgement) private readonly dataPlane: DataPlaneAcknowledgement,
    @Inject(GetStorageAccountHandler) private readonly accounts: GetStorageAccountHandler,
  ) {}

  async execute(method: 'PUT' | 'PATCH', address: AccountAddress, settings: AccountSettings, metadata: EventMetadata) {
    // As ARM: the group must exist before the resource provider is asked; its own spelling is kept.
    const group = await this.groups.execute(address.subscriptionId, address.resourceGroup);
    const command = { ...address, resourceGroup: group.name, settings, now: new Date() };
    const events = await this.executor.execute(
      method === 'PUT' ? { type: 'PutStorageAccount', ...command } : { type: 'UpdateStorageAccount', ...command },
      metadata,
    );
    const settled = await this.accounts.addressed(address, await this.dataPlane.settle(address.accountName));
    const keySourceRequest = events.find((e) => e.type === 'KeySourceChangeRequested');
    const refusal = keySourceRequest && keySourceRefusal(settled.account, keySourceRequest.streamVersion);
    if (refusal) throw refusal;
    return this.accounts.render(settled);
  }
}
