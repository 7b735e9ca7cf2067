import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobDataServiceConfig } from '../config';
import type { RegionStore } from '../region-stores/region-store';
import { RegionStores } from '../region-stores/region-stores';
import { StoreSweep } from '../region-stores/store-sweep';
import { reclaimRetiredExtents } from './extent.repository';

/**
 * Removes the extents changes stopped referencing (retireExtentRows), rows
 * and files, once RETIRED_EXTENT_GRACE_SECONDS have passed: until then a
 * read that began on a blob's earlier version still delivers it. Every
 * store this process has open, each zone copy on its own (a retired extent
 * is served by none of them, so the copies never differ in what they serve),
 * every RECLAIM_EVERY_MS: overwritten data holds its disk space for the
 * grace period and at most that much longer.
 */
const RECLAIM_EVERY_MS = 5 * 60 * 1000;

@Injectable()
export class RetiredExtentReclaim extends StoreSweep {
  constructor(
    @Inject(RegionStores) stores: RegionStores,
    @Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig,
  ) {
    super(stores, RECLAIM_EVERY_MS);
  }

  protected async sweepStore(store: RegionStore, now: Date): Promise<number> {
    const reclaimed = await reclaimRetiredExtents(store, new Date(now.getTime() - this.config.RETIRED_EXTENT_GRACE_SECONDS * 1000));
    if (reclaimed > 0) this.logger.log({ msg: 'retired extents reclaimed', region: store.region, extents: reclaimed });
    return reclaimed;
  }
}
