import { Injectable } from '@nestjs/common';
import { isRingOf } from '../../domain/key-ring';
import { accountNotFound, type AccountPath } from '../../domain/key-ring.errors';
import { encryptionKeysResource, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { KeyRingViews } from '../../projections/key-ring.view';

@Injectable()
export class GetEncryptionKeysHandler {
  constructor(private readonly views: KeyRingViews) {}

  async execute(path: AccountPath): Promise<EncryptionKeysResource> {
    const ring = await this.views.find(path.accountName);
    if (!ring || !isRingOf(ring, path)) throw accountNotFound(path);
    return encryptionKeysResource(ring);
  }
}
