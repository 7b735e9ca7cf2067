import { Controller, Delete, Headers, Param } from '@nestjs/common';
import { requestMetadata } from '../../../http/request-metadata';
import { accountPathOf, ENCRYPTION_KEYS_PATH, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { RemoveCustomerManagedKeyHandler } from './remove-customer-managed-key.handler';

/** DELETE .../storageAccounts/{name}/encryptionKeys/customerManagedKey: keySource back to Microsoft.Storage. */
@Controller(ENCRYPTION_KEYS_PATH)
export class RemoveCustomerManagedKeyController {
  constructor(private readonly handler: RemoveCustomerManagedKeyHandler) {}

  @Delete('customerManagedKey')
  remove(@Param() params: Record<string, string>, @Headers() headers: Record<string, string>): Promise<EncryptionKeysResource> {
    return this.handler.execute(accountPathOf(params), requestMetadata(headers));
  }
}
