import { Global, Module } from '@nestjs/common';
import { provideReadinessCheck } from '@atrest/platform';
import { AccountPlacement } from './account-placement';
import { RegionStores } from './region-stores';
import { RegionStoresReadinessCheck } from './region-stores.readiness';

/** The per-region blob stores (docs/adr/0006-encrypted-extent-store.md). */
@Global()
@Module({ providers: [RegionStores, AccountPlacement, ...provideReadinessCheck(RegionStoresReadinessCheck)], exports: [RegionStores, AccountPlacement] })
export class RegionStoresModule {}
