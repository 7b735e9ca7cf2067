import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import type { AccountPlacement } from '../../region-stores/account-placement';
import type { RegionStore } from '../../region-stores/region-store';
import { countOwedKeys, type OwedVersions } from './stored-data-keys.repository';

/** Accounts the replicator copies to the paired region, wrapped data keys included (docs/adr/0007). */
const GEO_REDUNDANT = new Set(['Standard_GRS', 'Standard_RAGRS']);

/** Every store holding the account's wrapped data keys: its primary (a ZRS account's three zones as one) and, if geo-redundant, the paired region's copy. */
export const storesHoldingKeys = (placement: AccountPlacement, account: DataPlaneAccount): Promise<RegionStore[]> =>
  Promise.all([placement.storeFor(account, 'primary'), ...(GEO_REDUNDANT.has(account.sku) ? [placement.storeFor(account, 'secondary')] : [])]);

/** Owed keys across those stores. */
export const countOwedKeysIn = async (stores: readonly RegionStore[], owed: OwedVersions): Promise<number> =>
  (await Promise.all(stores.map((store) => countOwedKeys(store, owed)))).reduce((sum, n) => sum + n, 0);
