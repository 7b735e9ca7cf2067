import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import { ArmExceptionFilter } from '@atrest/azure-wire';
import { KEY_REWRAP_PATH, rewrapAddressOf, type KeyRewrapResource } from '../../key-rewrap.resource';
import { keyRewrapStatusTable } from '../../rewrap-account';
import { GetKeyRewrapHandler } from './get-key-rewrap.handler';

/** GET .../storageAccounts/{name}/encryptionKeys/rewrap (atrest extension): the re-wrap job's status and counts. ARM errors, not the Blob XML of the rest of the service. */
@Controller(KEY_REWRAP_PATH)
@UseFilters(new ArmExceptionFilter(keyRewrapStatusTable))
export class GetKeyRewrapController {
  constructor(private readonly handler: GetKeyRewrapHandler) {}

  @Get()
  get(@Param() params: Record<string, string>): Promise<KeyRewrapResource> {
    return this.handler.execute(rewrapAddressOf(params));
  }
}
