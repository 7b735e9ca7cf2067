import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ACCOUNT } from '../../storage-account.routes';
import { GetStorageAccountHandler } from './get-storage-account.handler';

@Controller(ACCOUNT)
export class GetStorageAccountController {
  constructor(@Inject(GetStorageAccountHandler) private readonly handler: GetStorageAccountHandler) {}

  /** getProperties; `$expand=geoReplicationStats` adds the (reserved) replication status for GRS/RA-GRS. */
  @Get()
  get(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Query('$expand') expand?: string,
  ) {
    return this.handler.execute({ subscriptionId, resourceGroup, accountName }, expand?.toLowerCase() === 'georeplicationstats');
  }
}
