import type { KeySource, KeyVaultKey } from '@atrest/contracts';

/**
 * What a request asks of an account, values as the client sent them: the
 * domain validates them (sku, kind, location...) so every rule has one home.
 */
export interface AccountSettings {
  readonly sku?: string;
  readonly kind?: string;
  readonly location?: string;
  readonly accessTier?: string;
  /** Whether the Blob endpoint refuses HTTP; absent: unchanged (false on creation). */
  readonly supportsHttpsTrafficOnly?: boolean;
  /** TLS1_0, TLS1_1 or TLS1_2 (any case); absent: unchanged (unset on creation). */
  readonly minimumTlsVersion?: string;
  /** Replaces every tag; absent: tags unchanged. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly encryption?: EncryptionRequest;
  /** Access and namespace switches atrest has one fixed answer to (account-features.ts); absent: not asked. */
  readonly features?: AccountFeatureRequest;
  /**
   * The request's api-version: customer-managed keys exist from 2017-06-01
   * on. Absent: the newest (the gateway always sends one).
   */
  readonly apiVersion?: string;
}

/** `properties.allowSharedKeyAccess`, `allowBlobPublicAccess` and `isHnsEnabled` of a request, as sent. */
export interface AccountFeatureRequest {
  readonly allowSharedKeyAccess?: boolean;
  readonly allowBlobPublicAccess?: boolean;
  readonly isHnsEnabled?: boolean;
}

/** `properties.encryption` of a request: which services should be encrypted, with which keys (absent: unchanged). */
export interface EncryptionRequest {
  readonly blob?: boolean;
  readonly file?: boolean;
  readonly table?: boolean;
  readonly queue?: boolean;
  readonly keySource?: string;
  /** `keyvaultproperties` as sent: the customer's key for keySource Microsoft.Keyvault. */
  readonly keyVaultProperties?: { readonly keyName?: string; readonly keyVersion?: string; readonly keyVaultUri?: string };
  /** A second layer of encryption (api-version 2019-06-01 on): atrest offers none, so only false is taken. */
  readonly requireInfrastructureEncryption?: boolean;
}

interface ArmAddressed {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly accountName: string;
  readonly now: Date;
}

/** ARM PUT: creates the account, or updates it when it already exists in that group. */
export type PutStorageAccount = ArmAddressed & { readonly type: 'PutStorageAccount'; readonly settings: AccountSettings };
/** ARM PATCH: only what is given changes. */
export type UpdateStorageAccount = ArmAddressed & { readonly type: 'UpdateStorageAccount'; readonly settings: AccountSettings };
export type RegenerateKey = ArmAddressed & { readonly type: 'RegenerateKey'; readonly keyName: string };
export type DeleteStorageAccount = ArmAddressed & { readonly type: 'DeleteStorageAccount' };
/** Operator: brings a classic (Service Management) account in; ARM cannot create those. */
export type ImportClassicStorageAccount = ArmAddressed & { readonly type: 'ImportClassicStorageAccount'; readonly settings: AccountSettings };
/** Operator: moves a classic account into a Resource Manager group. */
export type MigrateToResourceManager = {
  readonly type: 'MigrateToResourceManager';
  readonly accountName: string;
  readonly resourceGroup: string;
  readonly now: Date;
};

/** key-management-service answered the key-source change requested at `requestedVersion` (from atrest.keys). */
export type RecordKeySourceOutcome = {
  readonly type: 'RecordKeySourceOutcome';
  readonly accountName: string;
  readonly requestedVersion: number;
  readonly outcome: KeySourceOutcome;
  readonly now: Date;
};

export type KeySourceOutcome =
  | { readonly outcome: 'Applied'; readonly keySource: KeySource; readonly keyVaultProperties?: KeyVaultKey }
  | { readonly outcome: 'Rejected'; readonly code: string; readonly message: string };

export type StorageAccountCommand =
  | PutStorageAccount
  | UpdateStorageAccount
  | RegenerateKey
  | DeleteStorageAccount
  | ImportClassicStorageAccount
  | MigrateToResourceManager
  | RecordKeySourceOutcome;

/**
 * The subscription's registration for Microsoft.Storage/EncryptionAtRest as
 * account-service last learned it from feature events (undefined: never heard of).
 */
export interface FeatureRegistration {
  readonly state: string;
  /** When the current registration was approved (FeatureRegistered `at`). */
  readonly approvedAt?: string;
}

/** Facts from outside the account's stream that a decision needs. */
export interface DecisionContext {
  readonly encryptionAtRest?: FeatureRegistration;
}
