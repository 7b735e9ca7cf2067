import { keySourceOf, type PublicKeyRing } from './domain/key-ring';
import type { AccountPath } from './domain/key-ring.errors';

/** The ARM path of an account's key ring (an atrest extension under the storage account). */
export const ENCRYPTION_KEYS_PATH =
  'subscriptions/:subscriptionId/resourceGroups/:resourceGroup/providers/Microsoft.Storage/storageAccounts/:accountName/encryptionKeys';

/** The route parameters of ENCRYPTION_KEYS_PATH; account names are lower case whatever the path's case. */
export const accountPathOf = (params: Record<string, string>): AccountPath => ({
  subscriptionId: params.subscriptionId,
  resourceGroup: params.resourceGroup,
  accountName: params.accountName.toLowerCase(),
});

export interface EncryptionKeysResource {
  id: string;
  name: 'encryptionKeys';
  type: 'Microsoft.Storage/storageAccounts/encryptionKeys';
  properties: {
    keySource: 'Microsoft.Storage' | 'Microsoft.Keyvault';
    keyvaultproperties?: { keyname: string; keyversion: string; keyvaulturi: string };
    keyState: 'Enabled' | 'Revoked';
    currentVersion: number;
    versions: Array<{ version: number; creationTime: string }>;
  };
}

/** A ring's public view: versions and what protects them, never key material. Only for an existing ring. */
export const encryptionKeysResource = (ring: PublicKeyRing): EncryptionKeysResource => {
  if (!ring.account) throw new Error('an account without a key ring has no encryptionKeys resource');
  const { subscriptionId, resourceGroup, accountName } = ring.account;
  const key = ring.customerKey;
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${accountName}/encryptionKeys`,
    name: 'encryptionKeys',
    type: 'Microsoft.Storage/storageAccounts/encryptionKeys',
    properties: {
      keySource: keySourceOf(ring),
      ...(key ? { keyvaultproperties: { keyname: key.keyName, keyversion: key.keyVersion, keyvaulturi: key.keyVaultUri } } : {}),
      keyState: ring.revoked ? 'Revoked' : 'Enabled',
      currentVersion: ring.currentVersion,
      versions: ring.versions.map((v) => ({ version: v.version, creationTime: v.createdAt })),
    },
  };
};
