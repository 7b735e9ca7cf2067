import { keySources, type KeyVaultKey } from '@atrest/contracts';
import type { EncryptionRequest } from './storage-account.commands';
import { invalidPropertyValue, missingKeyVaultProperties } from './storage-account.errors';

/** The first Storage api-version with customer-managed keys (encryption.keyvaultproperties). */
export const CUSTOMER_MANAGED_KEYS_API_VERSION = '2017-06-01';

const KEY_NAME = /^[A-Za-z0-9-]{1,127}$/;
const KEY_VERSION = /^[A-Za-z0-9]{1,64}$/;
const VAULT_HOST = /^[a-z0-9](?:[a-z0-9-]{1,22}[a-z0-9])\.vault\.azure\.net$/i;

/** What a request asks of the account's key source, validated. */
export type KeySourceChoice = { readonly keySource: 'Microsoft.Storage' } | { readonly keySource: 'Microsoft.Keyvault'; readonly keyVaultProperties: KeyVaultKey };

const isBefore = (apiVersion: string | undefined, first: string): boolean => apiVersion !== undefined && apiVersion.slice(0, 10) < first;

const property = (name: string) => `encryption.keyvaultproperties.${name}`;

const vaultUri = (uri: string): string => {
  const url = URL.canParse(uri) ? new URL(uri) : undefined;
  if (url?.protocol !== 'https:' || !VAULT_HOST.test(url.hostname) || url.pathname !== '/')
    throw invalidPropertyValue(uri, property('keyvaulturi'), 'Use the vault URI, https://<vault name>.vault.azure.net.');
  return uri;
};

const keyVaultKey = (given: EncryptionRequest['keyVaultProperties']): KeyVaultKey => {
  if (!given) throw missingKeyVaultProperties('keyvaultproperties {keyname, keyversion, keyvaulturi}');
  const { keyName, keyVersion, keyVaultUri } = given;
  if (!keyName || !keyVersion || !keyVaultUri) {
    const fields = { keyname: keyName, keyversion: keyVersion, keyvaulturi: keyVaultUri };
    throw missingKeyVaultProperties(Object.keys(fields).filter((name) => !fields[name as keyof typeof fields]).map(property).join(', '));
  }
  if (!KEY_NAME.test(keyName)) throw invalidPropertyValue(keyName, property('keyname'), 'A key name is 1-127 letters, digits and hyphens.');
  if (!KEY_VERSION.test(keyVersion)) throw invalidPropertyValue(keyVersion, property('keyversion'), 'A key version is 1-64 letters and digits.');
  return { keyName, keyVersion, keyVaultUri: vaultUri(keyVaultUri) };
};

/**
 * The key source a request asks for (undefined: unchanged), as ARM reads
 * it: keySource case-insensitively; Microsoft.Keyvault needs every
 * keyvaultproperties field; keyvaultproperties without Microsoft.Keyvault
 * are refused rather than ignored. Before api-version 2017-06-01 only
 * Microsoft.Storage existed: it is accepted and changes nothing there, so an
 * old client restating it never undoes a customer-managed key.
 */
export const parseKeySource = (request: EncryptionRequest, apiVersion: string | undefined): KeySourceChoice | undefined => {
  const legacy = isBefore(apiVersion, CUSTOMER_MANAGED_KEYS_API_VERSION);
  const asked = request.keySource;
  if (asked === undefined) {
    if (request.keyVaultProperties && !legacy)
      throw invalidPropertyValue('keyvaultproperties', 'encryption.keySource', 'Send keySource Microsoft.Keyvault with keyvaultproperties.');
    return undefined;
  }
  const keySource = keySources.find((k) => k.toLowerCase() === asked.toLowerCase());
  if (legacy) {
    if (keySource !== 'Microsoft.Storage')
      throw invalidPropertyValue(
        asked,
        'encryption.keySource',
        `With api-version ${apiVersion} encryption keys are managed by Microsoft: use Microsoft.Storage (customer-managed keys need api-version ${CUSTOMER_MANAGED_KEYS_API_VERSION} or later).`,
      );
    return undefined;
  }
  if (!keySource) throw invalidPropertyValue(asked, 'encryption.keySource', `Use one of ${keySources.join(', ')}.`);
  if (keySource === 'Microsoft.Keyvault') return { keySource, keyVaultProperties: keyVaultKey(request.keyVaultProperties) };
  if (request.keyVaultProperties)
    throw invalidPropertyValue(keySource, 'encryption.keySource', 'keyvaultproperties apply to keySource Microsoft.Keyvault only; leave them out to use Microsoft-managed keys.');
  return { keySource };
};

/** Key Vault compares vault, key names and versions case-insensitively; a trailing slash on the vault URI changes nothing. */
export const sameVaultKey = (a: KeyVaultKey, b: KeyVaultKey): boolean => {
  const norm = (k: KeyVaultKey) => [k.keyVaultUri.replace(/\/+$/, ''), k.keyName, k.keyVersion].join('\n').toLowerCase();
  return norm(a) === norm(b);
};

/** Key Vault's identifier of the key version in use: <vault uri>/keys/<name>/<version>. */
export const versionedKeyIdentifier = (key: KeyVaultKey): string => `${key.keyVaultUri.replace(/\/+$/, '')}/keys/${key.keyName}/${key.keyVersion}`;
