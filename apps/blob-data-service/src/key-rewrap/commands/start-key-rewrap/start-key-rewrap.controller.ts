import { Controller, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ArmExceptionFilter } from '@atrest/azure-wire';
import { KEY_REWRAP_PATH, keyRewrapUrl, rewrapAddressOf, type KeyRewrapResource } from '../../key-rewrap.resource';
import { keyRewrapStatusTable } from '../../rewrap-account';
import { StartKeyRewrapHandler } from './start-key-rewrap.handler';

/**
 * POST .../storageAccounts/{name}/encryptionKeys/rewrap (atrest extension):
 * 202 with the job and ARM's async headers (Location and
 * Azure-AsyncOperation both name the GET of the same path), or 200 when
 * nothing is owed. ARM errors, not the Blob XML of the rest of the service.
 */
@Controller(KEY_REWRAP_PATH)
@UseFilters(new ArmExceptionFilter(keyRewrapStatusTable))
export class StartKeyRewrapController {
  constructor(private readonly handler: StartKeyRewrapHandler) {}

  @Post()
  async start(
    @Param() params: Record<string, string>,
    @Query('api-version') apiVersion: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KeyRewrapResource> {
    const address = rewrapAddressOf(params);
    const { started, resource } = await this.handler.execute(address, new Date());
    if (!started) {
      response.status(200);
      return resource;
    }
    const url = keyRewrapUrl(request, address, apiVersion);
    response.status(202).set({ Location: url, 'Azure-AsyncOperation': url, 'Retry-After': '1' });
    return resource;
  }
}
