import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { GetResourceGroupHandler } from '../../../resource-groups/queries/get-resource-group/get-resource-group.handler';
import { accountNotFound } from '../../domain/storage-account.errors';
import { StorageAccountsView } from '../../projections/storage-account.view';
import { GetStorageAccountHandler } from '../../queries/get-storage-account/get-storage-account.handler';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';

/** Classic -> Resource Manager (StorageAccountMigrated); the account then answers at its new ARM id. */
@Injectable()
export class MigrateClassicAccountHandler {
  constructor(
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(GetResourceGroupHandler) private readonly groups: GetResourceGroupHandler,
    @Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor,
    @Inject(GetStorageAccountHandler) private readonly accounts: GetStorageAccountHandler,
  ) {}

  async execute(accountName: string, resourceGroup: string, metadata: EventMetadata) {
    const name = accountName.toLowerCase();
    const current = await this.view.find(name);
    if (!current) throw accountNotFound(accountName);
    const { subscriptionId } = current.account;
    const group = await this.groups.execute(subscriptionId, resourceGroup);
    await this.executor.execute({ type: 'MigrateToResourceManager', accountName: name, resourceGroup: group.name, now: new Date() }, metadata);
    return this.accounts.execute({ subscriptionId, resourceGroup: group.name, accountName: name });
  }
}
