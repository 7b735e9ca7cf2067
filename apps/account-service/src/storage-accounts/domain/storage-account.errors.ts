import { DomainError, regions } from '@atrest/contracts';

/**
 * Stable codes: the Storage resource provider's own where it has one, and
 * for the SSE preview rules (which Azure enforced without public codes) our
 * own, each telling the client what to do instead.
 */
export const StorageAccountErrorCodes = {
  accountNameInvalid: 'AccountNameInvalid',
  notFound: 'ResourceNotFound',
  alreadyTaken: 'StorageAccountAlreadyTaken',
  inAnotherResourceGroup: 'StorageAccountInAnotherResourceGroup',
  invalidValues: 'InvalidValuesForRequestParameters',
  invalidPropertyValue: 'InvalidRequestPropertyValue',
  locationNotAvailable: 'LocationNotAvailableForResourceType',
  locationChanged: 'InvalidResourceLocation',
  notClassic: 'StorageAccountNotClassic',
  // The seed's preview rules for Storage Service Encryption.
  classicAccount: 'EncryptionNotSupportedForClassicAccount',
  migratedAccount: 'EncryptionNotSupportedForMigratedAccount',
  featureNotRegistered: 'SubscriptionNotRegisteredForFeature',
  createdBeforeRegistration: 'AccountCreatedBeforeFeatureRegistration',
  regionNotAvailable: 'EncryptionNotAvailableInRegion',
  serviceNotSupported: 'EncryptionNotSupportedForService',
  featureNotSupported: 'FeatureNotSupportedForAccount',
  infrastructureEncryption: 'InfrastructureEncryptionNotSupported',
  // Customer-managed keys (keySource Microsoft.Keyvault).
  missingKeyVaultProperties: 'MissingKeyvaultProperties',
  operationInProgress: 'AnotherOperationInProgress',
  keyVaultKeyNotFound: 'KeyVaultEncryptionKeyNotFound',
} as const;

const COPY_YOUR_DATA = 'Create a new Resource Manager storage account, enable encryption on it and copy your data into it (for example with AzCopy).';

export const accountNameInvalid = (name: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.accountNameInvalid,
    `${name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
  );

export const storageAccountNotFound = (name: string, resourceGroup: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.notFound,
    `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${resourceGroup}' was not found.`,
  );

/** Not found by name alone (operator and internal endpoints, which name no group). */
export const accountNotFound = (name: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.notFound, `The storage account '${name}' was not found.`);

export const accountNameTaken = (name: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.alreadyTaken, `The storage account named ${name} is already taken.`);

export const accountInAnotherResourceGroup = (name: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.inAnotherResourceGroup,
    `The account ${name} is already in another resource group in this subscription.`,
  );

export const invalidValues = (parameters: string, hint: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.invalidValues, `Values for request parameters are invalid: ${parameters}. ${hint}`);

export const invalidPropertyValue = (value: string, property: string, hint: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.invalidPropertyValue, `The value '${value}' is not allowed for property ${property}. ${hint}`);

export const accountLocationNotAvailable = (location: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.locationNotAvailable,
    `The provided location '${location}' is not available for resource type 'Microsoft.Storage/storageAccounts'. List of available regions for the resource type is '${regions.map((r) => r.name).join(',')}'.`,
  );

export const accountLocationChanged = (name: string, existing: string, resourceGroup: string, requested: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.locationChanged,
    `The resource '${name}' already exists in location '${existing}' in resource group '${resourceGroup}'. A resource with the same name cannot be created in location '${requested}'. Please select a new resource name.`,
  );

export const accountNotClassic = (name: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.notClassic, `The storage account '${name}' is already a Resource Manager account; only classic accounts can be migrated.`);

export const encryptionRefusedForClassicAccount = (name: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.classicAccount,
    `Storage Service Encryption is not supported for classic storage accounts ('${name}' is one). ${COPY_YOUR_DATA}`,
  );

export const encryptionRefusedForMigratedAccount = (name: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.migratedAccount,
    `Storage Service Encryption is not supported for classic storage accounts migrated to Resource Manager ('${name}' was migrated). ${COPY_YOUR_DATA}`,
  );

export const encryptionFeatureNotRegistered = (subscriptionId: string, state: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.featureNotRegistered,
    `The subscription '${subscriptionId}' is not registered for the feature Microsoft.Storage/EncryptionAtRest (its state is ${state}). ` +
      'Register it (Register-AzureRmProviderFeature -FeatureName EncryptionAtRest -ProviderNamespace Microsoft.Storage) and wait until its state is Registered.',
  );

export const accountCreatedBeforeRegistration = (name: string, createdAt: string, approvedAt: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.createdBeforeRegistration,
    `The storage account '${name}' was created (${createdAt}) before the subscription was approved for Microsoft.Storage/EncryptionAtRest (${approvedAt}), so encryption cannot be enabled on it. ${COPY_YOUR_DATA}`,
  );

export const encryptionNotAvailableInRegion = (tier: string, region: string, available: readonly string[]): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.regionNotAvailable,
    `Storage Service Encryption is not available for ${tier} storage accounts in ${region} yet. For ${tier} storage it is available in: ${available.join(', ')}. Create the account in one of these regions and copy your data into it.`,
  );

export const encryptionNotSupportedForService = (services: readonly string[]): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.serviceNotSupported,
    `Storage Service Encryption encrypts Blob data only; ${services.join(', ')} data is not encrypted. ` +
      `Remove encryption.services.${services[0]} from the request (or set its enabled to false).`,
  );

export const accountFeatureNotSupported = (property: string, why: string): DomainError =>
  new DomainError(StorageAccountErrorCodes.featureNotSupported, `properties.${property}: ${why}`);

export const infrastructureEncryptionNotSupported = (): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.infrastructureEncryption,
    'atrest encrypts Blob data once, with AES-256 under the account\'s key (keySource Microsoft.Storage or Microsoft.Keyvault); ' +
      'a second, infrastructure layer of encryption is not offered. Send encryption.requireInfrastructureEncryption false, or leave it out.',
  );

/** Azure's code and wording when keySource Microsoft.Keyvault comes without (complete) keyvaultproperties. */
export const missingKeyVaultProperties = (missing: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.missingKeyVaultProperties,
    `The encryption keyvault properties are missing from the request: ${missing}. keySource Microsoft.Keyvault needs keyname, keyversion and keyvaulturi.`,
  );

export const keySourceChangeInProgress = (name: string): DomainError =>
  new DomainError(
    StorageAccountErrorCodes.operationInProgress,
    `A key source change of the storage account '${name}' is still in progress; retry when its provisioningState is Succeeded.`,
  );

/** key-management-service's refusal of a key-source change (e.g. KeyVaultEncryptionKeyNotFound), passed on as it said it. */
export const keySourceChangeRejected = (code: string, message: string): DomainError => new DomainError(code, message);
