import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { requestMetadata } from '../../../http/request-metadata';
import { accountPathOf, ENCRYPTION_KEYS_PATH, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { RotateKeyHandler } from './rotate-key.handler';

/** POST .../storageAccounts/{name}/encryptionKeys/rotate (atrest extension): answers the ring's new public view. */
@Controller(ENCRYPTION_KEYS_PATH)
export class RotateKeyController {
  constructor(private readonly handler: RotateKeyHandler) {}

  @Post('rotate')
  @HttpCode(200)
  rotate(@Param() params: Record<string, string>, @Headers() headers: Record<string, string>): Promise<EncryptionKeysResource> {
    return this.handler.execute(accountPathOf(params), requestMetadata(headers));
  }
}
