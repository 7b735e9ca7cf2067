import { Global, Module } from '@nestjs/common';
import { provideReadinessCheck } from '@atrest/platform';
import { RegionStores } from './region-stores';
import { RegionStoresReadinessCheck } from './region-stores.readiness';

/** The per-region blob stores (docs/adr/0006-encrypted-extent-store.md). */
@Global()
@Module({ providers: [RegionStores, ...provideReadinessCheck(RegionStoresReadinessCheck)], exports: [RegionStores] })
export class RegionStoresModule {}
