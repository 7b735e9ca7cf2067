import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Request } from 'express';
import { RegionStores } from '../../../region-stores/region-stores';
import type { BlobSnapshot } from '../../domain/snapshots';
import { blobKeyFrom, storeOfRegion } from '../../http/replication-address';
import { missingExtents } from '../../store/copied-extent.repository';
import { readBlobSnapshot } from '../../store/snapshot.repository';

/**
 * GET /internal/replication/regions/{region}/blob?account&incarnation&container&blob[&missingIn={region}]:
 * the blob's state in that region's store with its stream version (the
 * replicator reads the primary's); with `missingIn`, also which of its
 * extents that other store lacks (saves the replicator an apply that would
 * only say so). Internal network only: the gateway routes no /internal path.
 */
@Controller('internal/replication/regions/:region/blob')
export class GetBlobSnapshotController {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  @Get()
  async get(@Param('region') region: string, @Query() query: Request['query']): Promise<BlobSnapshot & { missingExtents?: string[] }> {
    const key = blobKeyFrom(query);
    const snapshot = await readBlobSnapshot(await storeOfRegion(this.stores, region), key);
    if (typeof query.missingIn !== 'string') return snapshot;
    return { ...snapshot, missingExtents: await missingExtents(await storeOfRegion(this.stores, query.missingIn), snapshot.extentIds) };
  }
}
