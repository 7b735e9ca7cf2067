import { Controller, HttpCode, Inject, Param, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AccountDirectory } from '../../../account-encryption/account-directory';
import { RegionStores } from '../../../region-stores/region-stores';
import { checkReplicaTarget, type ContainerApplyOutcome } from '../../domain/apply-decision';
import { containerSnapshotSchema } from '../../domain/snapshots';
import { containerKeyFrom, readJsonBody, storeOfRegion } from '../../http/replication-address';
import { applyContainerSnapshot } from '../../store/apply.repository';

/**
 * PUT /internal/replication/regions/{region}/container?account&incarnation&container
 * with a primary's container snapshot: applied if newer (an absent container
 * drops this store's copy with its blobs). 200 with the outcome
 * (not-a-secondary: the store is not the account's secondary copy).
 */
@Controller('internal/replication/regions/:region/container')
export class ApplyContainerSnapshotController {
  constructor(
    @Inject(RegionStores) private readonly stores: RegionStores,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  @Put()
  @HttpCode(200)
  async apply(@Param('region') region: string, @Query() query: Request['query'], @Req() request: Request): Promise<ContainerApplyOutcome> {
    const key = containerKeyFrom(query);
    const snapshot = await readJsonBody(request, containerSnapshotSchema);
    return (
      checkReplicaTarget(await this.accounts.find(key.account), key.incarnation, region) ??
      applyContainerSnapshot(await storeOfRegion(this.stores, region), key, snapshot)
    );
  }
}
