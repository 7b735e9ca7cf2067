import { Controller, Get, Inject, Param } from '@nestjs/common';
import { accountNotFound } from '../../domain/storage-account.errors';
import { AccountKeysStore } from '../../account-keys/account-keys.store';
import { StorageAccountsView } from '../../projections/storage-account.view';

/**
 * INTERNAL, for the gateway's Shared Key check on the data plane: the
 * account with its keys. Not part of the ARM surface; the gateway never
 * forwards /internal/... from clients. Nothing else returns keys except listKeys.
 */
@Controller('internal/storageAccounts/:accountName')
export class GetInternalAccountController {
  constructor(
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(AccountKeysStore) private readonly keys: AccountKeysStore,
  ) {}

  @Get()
  async get(@Param('accountName') accountName: string) {
    const [record, keys] = await Promise.all([this.view.find(accountName), this.keys.find(accountName)]);
    if (!record || !keys) throw accountNotFound(accountName);
    const { account } = record;
    return {
      subscriptionId: account.subscriptionId,
      resourceGroup: account.resourceGroup,
      name: account.name,
      sku: account.sku,
      kind: account.kind,
      location: account.location,
      deploymentModel: account.deploymentModel,
      keys: [keys.key1, keys.key2],
      supportsHttpsTrafficOnly: account.supportsHttpsTrafficOnly ?? false,
      encryption: {
        blob: { enabled: account.encryption.blobEnabled, ...(account.encryption.lastEnabledTime && { lastEnabledTime: account.encryption.lastEnabledTime }) },
        keySource: 'Microsoft.Storage',
        provisioningState: record.provisioningState,
      },
    };
  }
}
