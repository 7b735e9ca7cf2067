import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Request } from 'express';
import { RegionStores } from '../../../region-stores/region-stores';
import type { ContainerSnapshot } from '../../domain/snapshots';
import { containerKeyFrom, storeOfRegion } from '../../http/replication-address';
import { readContainerSnapshot } from '../../store/snapshot.repository';

/** GET /internal/replication/regions/{region}/container?account&incarnation&container: the container's row and stream version. */
@Controller('internal/replication/regions/:region/container')
export class GetContainerSnapshotController {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  @Get()
  async get(@Param('region') region: string, @Query() query: Request['query']): Promise<ContainerSnapshot> {
    const key = containerKeyFrom(query);
    return readContainerSnapshot(await storeOfRegion(this.stores, region), key);
  }
}
