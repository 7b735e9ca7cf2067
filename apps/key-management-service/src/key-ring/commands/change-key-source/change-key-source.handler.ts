import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventMetadata, StorageAccountEvent } from '@atrest/contracts';
import { CustomerKeyStore } from '../../../key-material/customer-key.store';
import { customerKeyRefOf } from '../../domain/customer-key';
import type { AccountPath } from '../../domain/key-ring.errors';
import { KeyRings } from '../../key-rings';

type KeySourceRequest = Extract<StorageAccountEvent, { type: 'KeySourceChangeRequested' }>['data'];

/**
 * An account's KeySourceChangeRequested: Microsoft.Keyvault re-wraps the
 * ring's KEKs with the customer's key (imported into the vault stand-in
 * first), Microsoft.Storage with the root key again. Data keys and data are
 * not touched. Always answers on atrest.keys (change, unchanged or rejected).
 */
@Injectable()
export class ChangeKeySourceHandler {
  constructor(
    private readonly keyRings: KeyRings,
    private readonly customerKeys: CustomerKeyStore,
    private readonly dataSource: DataSource,
  ) {}

  /** `accountStreamVersion`: the request's version in the account's stream, which the answer names. */
  async execute(request: KeySourceRequest, accountStreamVersion: number, metadata: EventMetadata): Promise<void> {
    const now = new Date();
    const account: AccountPath = { subscriptionId: request.subscriptionId, resourceGroup: request.resourceGroup, accountName: request.accountName };
    if (request.keySource === 'Microsoft.Storage') {
      await this.keyRings.execute(account.accountName, { type: 'RemoveCustomerManagedKey', account, accountStreamVersion, now }, metadata);
      return;
    }
    const key = request.keyVaultProperties;
    const stored = await this.customerKeys.find(this.dataSource.manager, customerKeyRefOf(key));
    await this.keyRings.execute(
      account.accountName,
      { type: 'ConfigureCustomerManagedKey', account, key, keyStatus: stored?.status ?? 'missing', accountStreamVersion, now },
      metadata,
    );
  }
}
