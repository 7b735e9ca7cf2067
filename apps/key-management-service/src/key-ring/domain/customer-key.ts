import type { KeyVaultKey } from '@atrest/contracts';

/** A customer key version in the vault stand-in; names compare case-insensitively, as Key Vault's do. */
export interface CustomerKeyRef {
  readonly vaultName: string;
  readonly keyName: string;
  readonly keyVersion: string;
}

export type CustomerKeyStatus = 'active' | 'revoked' | 'missing';

export const customerKeyRef = (vaultName: string, keyName: string, keyVersion: string): CustomerKeyRef => ({
  vaultName: vaultName.toLowerCase(),
  keyName: keyName.toLowerCase(),
  keyVersion: keyVersion.toLowerCase(),
});

/** The vault of https://<vault>.vault.azure.net is <vault>. */
export const customerKeyRefOf = (key: KeyVaultKey): CustomerKeyRef =>
  customerKeyRef(new URL(key.keyVaultUri).hostname.split('.')[0], key.keyName, key.keyVersion);

export const sameCustomerKey = (a: CustomerKeyRef, b: CustomerKeyRef): boolean =>
  a.vaultName === b.vaultName && a.keyName === b.keyName && a.keyVersion === b.keyVersion;

/** Key Vault's key identifier for messages: https://<vault>.vault.azure.net/keys/<name>/<version>. */
export const customerKeyId = (ref: CustomerKeyRef): string => `https://${ref.vaultName}.vault.azure.net/keys/${ref.keyName}/${ref.keyVersion}`;
