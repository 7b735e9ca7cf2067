import type {
  AccessTier,
  accountKinds,
  deploymentModels,
  DomainEvent,
  EventEnvelope,
  GeoFailoverEvent,
  KeyVaultKey,
  MinimumTlsVersion,
  skuNames,
  StorageAccountEvent,
} from '@atrest/contracts';
import { exhaustive } from '../../common/exhaustive';
import { sameVaultKey } from './key-source-rules';

export type SkuName = (typeof skuNames)[number];
export type AccountKind = (typeof accountKinds)[number];
export type DeploymentModel = (typeof deploymentModels)[number];
export type { AccessTier };
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
  /** The Blob endpoint refuses HTTP for it (absent: false). */
  readonly supportsHttpsTrafficOnly?: boolean;
  /** As asked; absent: never set. */
  readonly minimumTlsVersion?: MinimumTlsVersion;
  readonly tags: Readonly<Record<string, string>>;
  readonly deploymentModel: DeploymentModel;
  /** Created as classic and moved to Resource Manager later (the seed excludes these from SSE). */
  readonly migratedFromClassic: boolean;
  readonly createdAt: string;
  readonly encryption: AccountEncryption;
  /** A failover to the secondary region running now (geo-replication/). */
  readonly geoFailover?: { readonly operationId: string; readonly toLocation: string; readonly requestedAt: string };
  readonly lastGeoFailoverTime?: string;
}

export interface AccountEncryption {
  readonly blobEnabled: boolean;
  readonly lastEnabledTime?: string;
  /** keySource Microsoft.Keyvault with this customer key, in use since `appliedAt`; absent: Microsoft.Storage. */
  readonly keyVault?: KeyVaultKey & { readonly appliedAt: string };
  /** The latest key-source change asked of key-management-service. */
  readonly keySourceRequest?: KeySourceRequest;
}

export interface KeySourceRequest {
  /** The stream version of its KeySourceChangeRequested: the key service's answer names it. */
  readonly version: number;
  /** Not answered yet: the account is Updating, and another change waits. */
  readonly pending: boolean;
  /** Why the key service refused it (then the key source stayed as it was). */
  readonly rejection?: { readonly code: string; readonly message: string };
}

/** null: no account by this name (never created, or deleted: the name is free again). */
export type StorageAccountState = StorageAccount | null;

export const initialState = (): StorageAccountState => null;

/** Account names are global, so the stream is named by the account alone. */
export const storageAccountStreamId = (name: string): string => `StorageAccount-${name}`;

export const refOf = (account: StorageAccount) => ({
  subscriptionId: account.subscriptionId,
  resourceGroup: account.resourceGroup,
  accountName: account.name,
});

export const tierOf = (sku: SkuName): Tier => (sku.startsWith('Premium') ? 'Premium' : 'Standard');

/** A request is known by its place in the stream, so evolve reads it from the envelope. */
const streamVersionOf = (event: DomainEvent): number => {
  const { streamVersion } = event as Partial<EventEnvelope>;
  if (streamVersion === undefined) throw new Error(`${event.type} folded without its stream version`);
  return streamVersion;
};

const withoutFailover = ({ geoFailover: _done, ...account }: StorageAccount): StorageAccount => account;

export const evolve = (state: StorageAccountState, event: DomainEvent): StorageAccountState => {
  const e = event as StorageAccountEvent | GeoFailoverEvent;
  switch (e.type) {
    case 'StorageAccountCreated': {
      const { subscriptionId, resourceGroup, accountName, location, sku, kind, accessTier, supportsHttpsTrafficOnly, minimumTlsVersion, tags, deploymentModel, createdAt } = e.data;
      return {
        subscriptionId,
        resourceGroup,
        name: accountName,
        location,
        sku,
        kind,
        ...(accessTier && { accessTier }),
        ...(supportsHttpsTrafficOnly && { supportsHttpsTrafficOnly }),
        ...(minimumTlsVersion && { minimumTlsVersion }),
        tags: tags ?? {},
        deploymentModel,
        migratedFromClassic: false,
        createdAt,
        encryption: { blobEnabled: false },
      };
    }
    case 'StorageAccountUpdated': {
      if (!state) return state;
      const { accessTier, supportsHttpsTrafficOnly, minimumTlsVersion } = e.data;
      return {
        ...state,
        tags: e.data.tags,
        ...(accessTier && { accessTier }),
        ...(supportsHttpsTrafficOnly !== undefined && { supportsHttpsTrafficOnly }),
        ...(minimumTlsVersion && { minimumTlsVersion }),
      };
    }
    case 'EncryptionEnabled':
      return state && { ...state, encryption: { ...state.encryption, blobEnabled: true, lastEnabledTime: e.data.enabledAt } };
    case 'EncryptionDisabled': {
      if (!state) return state;
      const { lastEnabledTime: _off, ...encryption } = state.encryption;
      return { ...state, encryption: { ...encryption, blobEnabled: false } };
    }
    case 'KeySourceChangeRequested':
      return state && { ...state, encryption: { ...state.encryption, keySourceRequest: { version: streamVersionOf(event), pending: true } } };
    case 'KeySourceChangeCompleted': {
      if (!state) return state;
      const { keyVault: previous, ...encryption } = state.encryption;
      const d = e.data;
      if (d.outcome === 'Rejected')
        return { ...state, encryption: { ...state.encryption, keySourceRequest: { version: d.requestedVersion, pending: false, rejection: { code: d.code, message: d.message } } } };
      const key = d.keySource === 'Microsoft.Keyvault' ? d.keyVaultProperties : undefined;
      // The same key confirmed again keeps the time it was first applied (lastKeyRotationTimestamp).
      const keyVault = key && (previous && sameVaultKey(previous, key) ? previous : { ...key, appliedAt: d.completedAt });
      return { ...state, encryption: { ...encryption, ...(keyVault && { keyVault }), keySourceRequest: { version: d.requestedVersion, pending: false } } };
    }
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
