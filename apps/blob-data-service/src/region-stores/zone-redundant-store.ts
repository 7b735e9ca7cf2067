import { RegionStore } from './region-store';
import { ZoneExtentFiles } from './zone-extent-files';
import { ZoneSet } from './zone-set';

/** The stores of a region's zone copies: zone 1 is the region's own store, zones 2 and 3 stores of their own ("eastusz2", "eastusz3"). */
export const zoneStoreNames = (region: string): string[] => [region, `${region}z2`, `${region}z3`];

/**
 * A Standard_ZRS account's store (docs/adr/0007): the region's three zone
 * copies written together (ZoneSet, ZoneExtentFiles). Each zone keeps its
 * own outbox and relay, so losing one loses no change event (consumers deduplicate).
 */
export class ZoneRedundantStore extends RegionStore {
  constructor(
    region: string,
    zones: readonly RegionStore[],
  ) {
    super(
      region,
      new ZoneSet(region, zones.map((zone) => zone.dataSource)),
      new ZoneExtentFiles(zones.map((zone) => zone.files)),
    );
  }
}
