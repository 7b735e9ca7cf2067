import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import type { AccountPath } from '../../domain/key-ring.errors';
import { encryptionKeysResource, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { KeyRings } from '../../key-rings';

/** A new KEK version becomes current: new data keys use it; data keys wrapped by older versions still unwrap. */
@Injectable()
export class RotateKeyHandler {
  constructor(private readonly keyRings: KeyRings) {}

  async execute(account: AccountPath, metadata: EventMetadata): Promise<EncryptionKeysResource> {
    const ring = await this.keyRings.execute(account.accountName, { type: 'RotateKey', account, now: new Date() }, metadata);
    return encryptionKeysResource(ring);
  }
}
