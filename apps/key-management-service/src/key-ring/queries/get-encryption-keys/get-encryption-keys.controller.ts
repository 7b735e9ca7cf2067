import { Controller, Get, Param } from '@nestjs/common';
import { accountPathOf, ENCRYPTION_KEYS_PATH, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { GetEncryptionKeysHandler } from './get-encryption-keys.handler';

/** GET .../storageAccounts/{name}/encryptionKeys: versions, current version, key source and state; no key material. */
@Controller(ENCRYPTION_KEYS_PATH)
export class GetEncryptionKeysController {
  constructor(private readonly handler: GetEncryptionKeysHandler) {}

  @Get()
  get(@Param() params: Record<string, string>): Promise<EncryptionKeysResource> {
    return this.handler.execute(accountPathOf(params));
  }
}
