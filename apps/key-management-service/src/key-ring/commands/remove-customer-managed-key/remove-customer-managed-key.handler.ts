import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import type { AccountPath } from '../../domain/key-ring.errors';
import { encryptionKeysResource, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { KeyRings } from '../../key-rings';

/** Back to keySource Microsoft.Storage: the KEKs are re-wrapped by the root key (data untouched). */
@Injectable()
export class RemoveCustomerManagedKeyHandler {
  constructor(private readonly keyRings: KeyRings) {}

  async execute(account: AccountPath, metadata: EventMetadata): Promise<EncryptionKeysResource> {
    const ring = await this.keyRings.execute(account.accountName, { type: 'RemoveCustomerManagedKey', account, now: new Date() }, metadata);
    return encryptionKeysResource(ring);
  }
}
