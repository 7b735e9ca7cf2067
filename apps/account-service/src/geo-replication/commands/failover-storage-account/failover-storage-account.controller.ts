import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { ACCOUNT } from '../../../storage-accounts/storage-account.routes';
import { operationUrls } from '../../queries/get-failover-operation/operation-urls';
import { GeoFailoverCommandExecutor } from '../geo-failover-command.executor';

/**
 * POST .../storageAccounts/{name}/failover: starts a failover to the
 * secondary region as a long-running operation (docs/adr/0007): 202 with
 * Azure-AsyncOperation (the operation's status) and Location (202 until it
 * is done, then 200), which @azure/arm-storage's beginFailoverAndWait polls.
 */
@Controller(ACCOUNT)
export class FailoverStorageAccountController {
  constructor(@Inject(GeoFailoverCommandExecutor) private readonly executor: GeoFailoverCommandExecutor) {}

  @Post('failover')
  @HttpCode(202)
  async failover(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Query('api-version') apiVersion: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CommandMetadata() metadata: EventMetadata,
  ): Promise<void> {
    const operationId = randomUUID();
    const name = accountName.toLowerCase();
    await this.executor.execute({ type: 'FailoverStorageAccount', subscriptionId, resourceGroup, accountName: name, operationId, now: new Date() }, metadata);
    const urls = operationUrls(request, { subscriptionId, resourceGroup, accountName: name }, operationId, apiVersion);
    response.set({ 'Azure-AsyncOperation': urls.status, Location: urls.result, 'Retry-After': '1' });
  }
}
