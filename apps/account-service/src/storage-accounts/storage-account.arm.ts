import { isGeoRedundantSku, pairedRegion } from '@atrest/contracts';
import { versionedKeyIdentifier } from './domain/key-source-rules';
import { tierOf, type StorageAccount } from './domain/storage-account';
import type { ProvisioningState } from './projections/storage-account.view';

export interface ArmRendering {
  readonly provisioningState: ProvisioningState;
  /** BLOB_ENDPOINT_BASE, without a trailing slash. */
  readonly blobEndpointBase: string;
  /** `$expand=geoReplicationStats`: the replicator's latest report (geo-replication/), Unavailable before its first. */
  readonly geoReplicationStats?: { readonly status: string; readonly lastSyncTime: string | null; readonly canFailover: boolean };
}


export const storageAccountId = (account: Pick<StorageAccount, 'subscriptionId' | 'resourceGroup' | 'name'>): string =>
  `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.name}`;

/**
 * An account in the Storage resource provider's JSON (api-version 2016-01-01
 * onwards), as @azure/arm-storage reads it. Only the Blob service exists here,
 * so only blob endpoints are listed.
 */
export const toArmStorageAccount = (account: StorageAccount, rendering: ArmRendering) => {
  const secondary = isGeoRedundantSku(account.sku) ? pairedRegion(account.location) : undefined;
  const blobEndpoint = (name: string) => `${rendering.blobEndpointBase}/${name}/`;
  const { blobEnabled, lastEnabledTime, keyVault } = account.encryption;
  return {
    id: storageAccountId(account),
    name: account.name,
    type: 'Microsoft.Storage/storageAccounts',
    location: account.location,
    tags: account.tags,
    sku: { name: account.sku, tier: tierOf(account.sku) },
    kind: account.kind,
    properties: {
      provisioningState: rendering.provisioningState,
      creationTime: account.createdAt,
      primaryEndpoints: { blob: blobEndpoint(account.name) },
      primaryLocation: account.location,
      statusOfPrimary: 'available',
      ...(secondary && {
        secondaryLocation: secondary.name,
        statusOfSecondary: 'available',
        ...(account.sku === 'Standard_RAGRS' && { secondaryEndpoints: { blob: blobEndpoint(`${account.name}-secondary`) } }),
        ...(rendering.geoReplicationStats && {
          geoReplicationStats: {
            status: rendering.geoReplicationStats.status,
            ...(rendering.geoReplicationStats.lastSyncTime && { lastSyncTime: rendering.geoReplicationStats.lastSyncTime }),
            canFailover: rendering.geoReplicationStats.canFailover,
          },
        }),
        ...(account.geoFailover && { failoverInProgress: true }),
      }),
      ...(account.lastGeoFailoverTime && { lastGeoFailoverTime: account.lastGeoFailoverTime }),
      ...(account.accessTier && { accessTier: account.accessTier }),
      supportsHttpsTrafficOnly: account.supportsHttpsTrafficOnly ?? false,
      ...(account.minimumTlsVersion && { minimumTlsVersion: account.minimumTlsVersion }),
      encryption: {
        services: { blob: { enabled: blobEnabled, ...(lastEnabledTime && { lastEnabledTime }) } },
        keySource: keyVault ? 'Microsoft.Keyvault' : 'Microsoft.Storage',
        ...(keyVault && {
          keyvaultproperties: {
            keyname: keyVault.keyName,
            keyversion: keyVault.keyVersion,
            keyvaulturi: keyVault.keyVaultUri,
            currentVersionedKeyIdentifier: versionedKeyIdentifier(keyVault),
            lastKeyRotationTimestamp: keyVault.appliedAt,
          },
        }),
      },
    },
  };
};
