import { Inject, Injectable } from '@nestjs/common';
import { pairedRegion } from '@atrest/contracts';
import type { DataPlaneAccount } from '../account-encryption/data-plane-account';
import type { Location } from '../blobs/domain/account-access';
import type { RegionStore } from './region-store';
import { RegionStores } from './region-stores';

/**
 * Where an account's data is for a request: the store of its primary
 * region (for Standard_ZRS, the region's three zone copies), or, at the
 * secondary location (RA-GRS reads), the store of the paired region, which
 * the replicator keeps a copy in (docs/adr/0007).
 */
@Injectable()
export class AccountPlacement {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  storeFor(account: DataPlaneAccount, location: Location): Promise<RegionStore> {
    if (location === 'primary') return account.sku === 'Standard_ZRS' ? this.stores.zoneRedundant(account.region) : this.stores.store(account.region);
    const pair = pairedRegion(account.region);
    if (!pair) throw new Error(`region ${account.region} of account ${account.name} has no pair`);
    return this.stores.store(pair.name);
  }
}
