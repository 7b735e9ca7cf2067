import type { accessTiers, accountKinds, deploymentModels, DomainEvent, GeoFailoverEvent, skuNames, StorageAccountEvent } from '@atrest/contracts';
import { exhaustive } from '../../common/exhaustive';

export type SkuName = (typeof skuNames)[number];
export type AccountKind = (typeof accountKinds)[number];
export type DeploymentModel = (typeof deploymentModels)[number];
export type AccessTier = (typeof accessTiers)[number];
export type Tier = 'Standard' | 'Premium';

export interface StorageAccount {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  /** Region name from the catalog ("eastus"). */
  readonly location: string;
  readonly sku: SkuName;
  readonly kind: AccountKind;
  readonly accessTier?: AccessTier;
  readonly tags: Readonly<Record<string, string>>;
  readonly deploymentModel: DeploymentModel;
  /** Created as classic and moved to Resource Manager later (the seed excludes these from SSE). */
  readonly migratedFromClassic: boolean;
  readonly createdAt: string;
  readonly encryption: { readonly blobEnabled: boolean; readonly lastEnabledTime?: string };
  /** A failover to the secondary region running now (geo-replication/). */
  readonly geoFailover?: { readonly operationId: string; readonly toLocation: string; readonly requestedAt: string };
  readonly lastGeoFailoverTime?: string;
}

/** null: no account by this name (never created, or deleted: the name is free again). */
export type StorageAccountState = StorageAccount | null;

export const initialState = (): StorageAccountState => null;

/** Account names are global, so the stream is named by the account alone. */
export const storageAccountStreamId = (name: string): string => `StorageAccount-${name}`;

export const tierOf = (sku: SkuName): Tier => (sku.startsWith('Premium') ? 'Premium' : 'Standard');

const withoutFailover = ({ geoFailover: _done, ...account }: StorageAccount): StorageAccount => account;

export const evolve = (state: StorageAccountState, event: DomainEvent): StorageAccountState => {
  const e = event as StorageAccountEvent | GeoFailoverEvent;
  switch (e.type) {
    case 'StorageAccountCreated': {
      const { subscriptionId, resourceGroup, accountName, location, sku, kind, accessTier, tags, deploymentModel, createdAt } = e.data;
      return {
        subscriptionId,
        resourceGroup,
        name: accountName,
        location,
        sku,
        kind,
        ...(accessTier && { accessTier }),
        tags: tags ?? {},
        deploymentModel,
        migratedFromClassic: false,
        createdAt,
        encryption: { blobEnabled: false },
      };
    }
    case 'StorageAccountUpdated':
      return state && { ...state, tags: e.data.tags, ...(e.data.accessTier && { accessTier: e.data.accessTier }) };
    case 'EncryptionEnabled':
      return state && { ...state, encryption: { blobEnabled: true, lastEnabledTime: e.data.enabledAt } };
    case 'EncryptionDisabled':
      return state && { ...state, encryption: { blobEnabled: false } };
    case 'StorageAccountKeysRegenerated':
      return state;
    case 'StorageAccountMigrated':
      return state && { ...state, resourceGroup: e.data.resourceGroup, deploymentModel: 'ResourceManager', migratedFromClassic: true };
    case 'StorageAccountDeleted':
      return null;
    case 'GeoFailoverRequested': {
      const { operationId, toLocation, requestedAt } = e.data;
      return state && { ...state, geoFailover: { operationId, toLocation, requestedAt } };
    }
    case 'GeoFailoverCompleted':
      // The secondary region is the primary now, and the account locally redundant there.
      return state && { ...withoutFailover(state), location: e.data.location, sku: e.data.sku, lastGeoFailoverTime: e.data.completedAt };
    default:
      return exhaustive(e, 'storage account event');
  }
};
