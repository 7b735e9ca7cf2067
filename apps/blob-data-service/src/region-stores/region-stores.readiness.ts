import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@atrest/platform';
import { RegionStores } from './region-stores';

/** Readiness "region-stores": every region store opened so far answers. */
@Injectable()
export class RegionStoresReadinessCheck implements ReadinessCheck {
  readonly name = 'region-stores';

  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  async check(): Promise<void> {
    await Promise.all((await this.stores.opened()).map((store) => store.query('SELECT 1')));
  }
}
