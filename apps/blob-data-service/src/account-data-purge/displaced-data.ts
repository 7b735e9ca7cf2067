import { findRegion, isGeoRedundantSku, pairedRegion } from '@atrest/contracts';
import type { DataPlaneAccount } from '../account-encryption/data-plane-account';

/**
 * Whether rows of this live incarnation of the account, in the store of
 * `region`, are no longer where it is served nor where its secondary copy
 * is kept: its old primary after a geo-failover (docs/adr/0007). Never while
 * a failover is under way (the old primary still serves it), and never in a
 * zone copy's store ("eastusz2": not a region of the catalog), which holds
 * only zone-redundant accounts of its own region, and those do not fail over.
 */
export const isDisplaced = (account: DataPlaneAccount, incarnation: number, region: string): boolean =>
  account.incarnation === incarnation &&
  !account.geoFailoverPending &&
  findRegion(region) !== undefined &&
  region !== account.region &&
  !(isGeoRedundantSku(account.sku) && pairedRegion(account.region)?.name === region);
