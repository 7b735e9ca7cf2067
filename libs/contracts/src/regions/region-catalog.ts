/**
 * Azure regions atrest simulates, with their geo-redundancy pairs (Azure's
 * own pairing). Each region has a physically separate store; GRS/RA-GRS
 * accounts replicate to `pair`. Data, so adding a region is one line.
 */
export interface Region {
  readonly name: string;
  readonly displayName: string;
  readonly pair: string;
}

export const regions: readonly Region[] = [
  { name: 'eastus', displayName: 'East US', pair: 'westus' },
  { name: 'westus', displayName: 'West US', pair: 'eastus' },
  { name: 'eastus2', displayName: 'East US 2', pair: 'centralus' },
  { name: 'centralus', displayName: 'Central US', pair: 'eastus2' },
  { name: 'northcentralus', displayName: 'North Central US', pair: 'southcentralus' },
  { name: 'southcentralus', displayName: 'South Central US', pair: 'northcentralus' },
  { name: 'westus2', displayName: 'West US 2', pair: 'westcentralus' },
  { name: 'westcentralus', displayName: 'West Central US', pair: 'westus2' },
  { name: 'northeurope', displayName: 'North Europe', pair: 'westeurope' },
  { name: 'westeurope', displayName: 'West Europe', pair: 'northeurope' },
  { name: 'eastasia', displayName: 'East Asia', pair: 'southeastasia' },
  { name: 'southeastasia', displayName: 'Southeast Asia', pair: 'eastasia' },
  { name: 'canadacentral', displayName: 'Canada Central', pair: 'canadaeast' },
  { name: 'canadaeast', displayName: 'Canada East', pair: 'canadacentral' },
  { name: 'japaneast', displayName: 'Japan East', pair: 'japanwest' },
  { name: 'japanwest', displayName: 'Japan West', pair: 'japaneast' },
  { name: 'australiaeast', displayName: 'Australia East', pair: 'australiasoutheast' },
  { name: 'australiasoutheast', displayName: 'Australia Southeast', pair: 'australiaeast' },
  { name: 'uksouth', displayName: 'UK South', pair: 'ukwest' },
  { name: 'ukwest', displayName: 'UK West', pair: 'uksouth' },
];

const byName = new Map(regions.map((r) => [r.name, r]));

/** Finds a region by its name ("eastus") or display name ("East US"), case-insensitively. */
export const findRegion = (nameOrDisplayName: string): Region | undefined =>
  byName.get(nameOrDisplayName.toLowerCase().replace(/\s+/g, ''));

/** The paired region of a region: where its geo-redundant copies live. */
export const pairedRegion = (name: string): Region | undefined => {
  const region = findRegion(name);
  return region && byName.get(region.pair);
};
