import { Controller, HttpCode, Inject, Param, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AccountDirectory } from '../../../account-encryption/account-directory';
import { RegionStores } from '../../../region-stores/region-stores';
import { checkReplicaTarget, type BlobApplyOutcome } from '../../domain/apply-decision';
import { blobSnapshotSchema } from '../../domain/snapshots';
import { blobKeyFrom, readJsonBody, storeOfRegion } from '../../http/replication-address';
import { applyBlobSnapshot } from '../../store/apply.repository';

/**
 * PUT /internal/replication/regions/{region}/blob?account&incarnation&container&blob
 * with a primary's blob snapshot: applied if newer than what this store
 * holds. 200 with the outcome: applied, already-applied, what to bring
 * over first (missing-extents, container-mismatch), or not-a-secondary (the
 * store is not the account's secondary copy, e.g. after a failover).
 */
@Controller('internal/replication/regions/:region/blob')
export class ApplyBlobSnapshotController {
  constructor(
    @Inject(RegionStores) private readonly stores: RegionStores,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  @Put()
  @HttpCode(200)
  async apply(@Param('region') region: string, @Query() query: Request['query'], @Req() request: Request): Promise<BlobApplyOutcome> {
    const key = blobKeyFrom(query);
    const snapshot = await readJsonBody(request, blobSnapshotSchema);
    return (
      checkReplicaTarget(await this.accounts.find(key.account), key.incarnation, region) ??
      applyBlobSnapshot(await storeOfRegion(this.stores, region), key, snapshot)
    );
  }
}
