import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ArmError } from '@atrest/azure-wire';
import { sameName } from '../../../common/same-name';
import { ACCOUNT } from '../../../storage-accounts/storage-account.routes';
import { FailoverOperationsStore, type FailoverOperation } from '../../projections/failover-operations.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operation's view as ARM's asynchronous operation status, with what the failover reported. */
const statusOf = (operation: FailoverOperation) => ({
  id: operation.operationId,
  name: operation.operationId,
  status: operation.status,
  startTime: operation.requestedAt.toISOString(),
  ...(operation.status === 'Succeeded' && { endTime: operation.completedAt!.toISOString() }),
  properties: {
    fromLocation: operation.fromLocation,
    toLocation: operation.toLocation,
    ...(operation.completedAt && {
      unreplicatedChanges: operation.unreplicatedChanges,
      lastSyncTime: operation.lastSyncTime?.toISOString() ?? null,
    }),
  },
});

/**
 * The polling URLs of a failover (docs/adr/0007):
 * - GET .../failoverOperations/{id} (Azure-AsyncOperation): 200 with {status: InProgress|Succeeded, ...};
 * - GET .../failoverOperations/{id}/result (Location): 202 + Retry-After while running, 200 when done.
 */
@Controller(`${ACCOUNT}/failoverOperations/:operationId`)
export class GetFailoverOperationController {
  constructor(@Inject(FailoverOperationsStore) private readonly operations: FailoverOperationsStore) {}

  @Get()
  async status(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Param('operationId') operationId: string,
  ) {
    return statusOf(await this.find(subscriptionId, resourceGroup, accountName, operationId));
  }

  @Get('result')
  async result(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Param('operationId') operationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const operation = await this.find(subscriptionId, resourceGroup, accountName, operationId);
    if (operation.status === 'InProgress') response.status(202).set('Retry-After', '1');
    return statusOf(operation);
  }

  private async find(subscriptionId: string, resourceGroup: string, accountName: string, operationId: string): Promise<FailoverOperation> {
    const operation = UUID.test(operationId) ? await this.operations.find(operationId.toLowerCase()) : undefined;
    if (
      !operation ||
      operation.accountName !== accountName.toLowerCase() ||
      !sameName(operation.subscriptionId, subscriptionId) ||
      !sameName(operation.resourceGroup, resourceGroup)
    )
      throw new ArmError(404, 'ResourceNotFound', `The failover operation '${operationId}' of the storage account '${accountName}' was not found.`);
    return operation;
  }
}
