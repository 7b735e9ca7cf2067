import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventMetadata, KeyVaultKey } from '@atrest/contracts';
import { CustomerKeyStore } from '../../../key-material/customer-key.store';
import { customerKeyRefOf } from '../../domain/customer-key';
import type { AccountPath } from '../../domain/key-ring.errors';
import { encryptionKeysResource, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { KeyRings } from '../../key-rings';

/**
 * keySource Microsoft.Keyvault: the ring's KEKs are re-wrapped by the
 * customer's key (imported into the vault stand-in first). Data keys and
 * data are not touched.
 */
@Injectable()
export class ConfigureCustomerManagedKeyHandler {
  constructor(
    private readonly keyRings: KeyRings,
    private readonly customerKeys: CustomerKeyStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute(account: AccountPath, key: KeyVaultKey, metadata: EventMetadata): Promise<EncryptionKeysResource> {
    const stored = await this.customerKeys.find(this.dataSource.manager, customerKeyRefOf(key));
    const ring = await this.keyRings.execute(
      account.accountName,
      { type: 'ConfigureCustomerManagedKey', account, key, keyStatus: stored?.status ?? 'missing', now: new Date() },
      metadata,
    );
    return encryptionKeysResource(ring);
  }
}
