import { Inject, Injectable } from '@nestjs/common';
import { AccountKeysStore } from '../../account-keys/account-keys.store';
import type { AccountAddress } from '../../storage-account.routes';
import { GetStorageAccountHandler } from '../get-storage-account/get-storage-account.handler';

/** listKeys' body (regenerateKey answers the same). */
@Injectable()
export class ListKeysHandler {
  constructor(
    @Inject(GetStorageAccountHandler) private readonly accounts: GetStorageAccountHandler,
    @Inject(AccountKeysStore) private readonly keys: AccountKeysStore,
  ) {}

  async execute(address: AccountAddress) {
    const { account } = await this.accounts.addressed(address);
    const keys = await this.keys.find(account.name);
    return {
      keys: keys
        ? [
            { keyName: 'key1', value: keys.key1, permissions: 'FULL' },
            { keyName: 'key2', value: keys.key2, permissions: 'FULL' },
          ]
        : [],
    };
  }
}
