import { Body, Controller, Headers, Param, Put } from '@nestjs/common';
import { parseInput } from '../../../http/parse-input';
import { requestMetadata } from '../../../http/request-metadata';
import { accountPathOf, ENCRYPTION_KEYS_PATH, type EncryptionKeysResource } from '../../encryption-keys.resource';
import { ConfigureCustomerManagedKeyHandler } from './configure-customer-managed-key.handler';
import { configureCustomerManagedKeySchema } from './configure-customer-managed-key.schema';

/**
 * PUT .../storageAccounts/{name}/encryptionKeys/customerManagedKey with
 * {keyvaultproperties: {keyname, keyversion, keyvaulturi}}: stands in for
 * the account-service event that will carry keySource Microsoft.Keyvault.
 */
@Controller(ENCRYPTION_KEYS_PATH)
export class ConfigureCustomerManagedKeyController {
  constructor(private readonly handler: ConfigureCustomerManagedKeyHandler) {}

  @Put('customerManagedKey')
  configure(
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ): Promise<EncryptionKeysResource> {
    const { keyvaultproperties: key } = parseInput(configureCustomerManagedKeySchema, body);
    return this.handler.execute(
      accountPathOf(params),
      { keyVaultUri: key.keyvaulturi, keyName: key.keyname, keyVersion: key.keyversion },
      requestMetadata(headers),
    );
  }
}
