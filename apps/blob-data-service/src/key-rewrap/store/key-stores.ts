import { isGeoRedundantSku } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import type { AccountPlacement } from '../../region-stores/account-placement';
import type { RegionStore } from '../../region-stores/region-store';
import { countOwedKeys, type OwedVersions } from './stored-data-keys.repository';

/** Every store holding the account's wrapped data keys: its primary (a ZRS account's three zones as one) and, if geo-redundant, the paired region's copy. */
export const storesHoldingKeys = (placement: AccountPlacement, account: DataPlaneAccount): Promise<RegionStore[]> =>
  Promise.all([placement.storeFor(account, 'primary'), ...(isGeoRedundantSku(account.sku) ? [placement.storeFor(account, 'secondary')] : [])]);

/** Owed keys across those stores. */
export const countOwedKeysIn = async (stores: readonly RegionStore[], owed: OwedVersions): Promise<number> =>
  (await Promise.all(stores.map((store) => countOwedKeys(store, owed)))).reduce((sum, n) => sum + n, 0);
