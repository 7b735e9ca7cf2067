import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { CreateGeoReplicationStatus1764900000100 } from './migrations/1764900000100-create-geo-replication-status';
import { GeoReplicationStatusProjection } from './projections/geo-replication-status.projection';

/** Migrations this feature adds to the main database. */
export const secondaryReadsMigrations = [CreateGeoReplicationStatus1764900000100];

/**
 * RA-GRS reads (docs/adr/0007): the replicator's reports for Get Blob Service
 * Stats. The reads themselves are the primary's operations on the paired
 * region's store (region-stores/account-placement.ts), refused or allowed by
 * domain/location-access.ts.
 */
@Module({ providers: [...provideEventSubscriber(GeoReplicationStatusProjection)] })
export class SecondaryReadsModule {}
