import type { accessTiers, accountKinds, deploymentModels, DomainEvent, skuNames, StorageAccountEvent } from '@atrest/contracts';
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
}

/** null: no account by this name (never created, or deleted: the name is free again). */
export type StorageAccountState = StorageAccount | null;

export const initialState = (): StorageAccountState => null;

/** Account names are global, so the stream is named by the account alone. */
export const storageAccountStreamId = (name: string): string => `StorageAccount-${name}`;

export const tierOf = (sku: SkuName): Tier => (sku.startsWith('Premium') ? 'Premium' : 'Standard');

export const evolve = (state: StorageAccountState, event: DomainEvent): StorageAccountState => {
  const e = event as StorageAccountEvent;
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
    default:
      return exhaustive(e, 'storage account event');
  }
};
