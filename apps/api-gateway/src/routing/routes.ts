import { DownstreamName } from '../config';

/**
 * The management plane's routing table: which service owns which ARM path.
 * Data only; route-matcher.ts reads it, the OpenAPI document covers it.
 *
 * `path` is a template matched segment by segment, case-insensitively (ARM
 * paths are: resourcegroups = resourceGroups): a literal, `{name}` for one
 * segment, or a final `**` for any rest (none included). The first route
 * that matches path and method wins, so specific routes come first.
 * `methods` absent: the service decides (it answers 404/405 itself).
 */
export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

interface RouteBase {
  readonly path: string;
  readonly methods?: readonly HttpMethod[];
  readonly service: DownstreamName;
}

/** A customer route: the token must name the path's {subscriptionId}; api-version must be one of `apiVersions`. */
export interface SubscriptionRoute extends RouteBase {
  readonly access: 'subscription';
  readonly apiVersions: readonly string[];
}

/** An operator route (atrest's own, not ARM): the token needs the Operator role; no api-version. */
export interface OperatorRoute extends RouteBase {
  readonly access: 'operator';
}

export type Route = SubscriptionRoute | OperatorRoute;

/**
 * api-versions accepted per API: the ones the Azure SDKs in package.json send
 * (@azure/arm-resources 7.0.0: 2025-04-01, @azure/arm-features 3.1.0:
 * 2021-07-01, @azure/arm-storage 20.0.0: 2025-08-01), the seed's era's
 * Storage versions (2016-01-01, 2016-12-01), the first Storage version with
 * customer-managed keys (2017-06-01, encryption.keyvaultproperties) and two
 * later stable ones still common in tools and templates (2019-06-01,
 * 2023-05-01), and the ones AzureRM PowerShell used for providers and features.
 */
export const API_VERSIONS = {
  resources: ['2016-09-01', '2021-04-01', '2025-04-01'],
  features: ['2015-12-01', '2021-07-01'],
  storage: ['2016-01-01', '2016-12-01', '2017-06-01', '2019-06-01', '2023-05-01', '2025-08-01'],
} as const;

const FEATURES: DownstreamName = 'feature-registration-service';
const ACCOUNTS: DownstreamName = 'account-service';
const KEYS: DownstreamName = 'key-management-service';
const BLOBS: DownstreamName = 'blob-data-service';

const ENCRYPTION_KEYS = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}/encryptionKeys';

// The services' /internal/** APIs (service to service, e.g. key-management-service's
// data keys) are deliberately absent: every path here starts with /subscriptions/
// or /operator/, so /internal/... is 404 (routes.unit.spec.ts).

export const ROUTES: readonly Route[] = [
  // Resource providers of a subscription (Microsoft.Features itself included: before its own prefix below).
  { path: '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/register', methods: ['POST'], service: FEATURES, access: 'subscription', apiVersions: API_VERSIONS.resources },
  { path: '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/unregister', methods: ['POST'], service: FEATURES, access: 'subscription', apiVersions: API_VERSIONS.resources },
  { path: '/subscriptions/{subscriptionId}/providers', methods: ['GET'], service: FEATURES, access: 'subscription', apiVersions: API_VERSIONS.resources },
  { path: '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}', methods: ['GET'], service: FEATURES, access: 'subscription', apiVersions: API_VERSIONS.resources },
  // Preview features (Microsoft.Features): register, unregister, get, list.
  { path: '/subscriptions/{subscriptionId}/providers/Microsoft.Features/**', service: FEATURES, access: 'subscription', apiVersions: API_VERSIONS.features },
  // Storage accounts across a subscription, and name checks.
  { path: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts', methods: ['GET'], service: ACCOUNTS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  { path: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/checkNameAvailability', methods: ['POST'], service: ACCOUNTS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  // An account's key ring (atrest extension): versions, rotation. Before the catch-all below. The key source
  // (customer-managed key) is the account's own: properties.encryption on PUT/PATCH of the account.
  { path: ENCRYPTION_KEYS, methods: ['GET'], service: KEYS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  { path: `${ENCRYPTION_KEYS}/rotate`, methods: ['POST'], service: KEYS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  // Re-wrapping the stored data keys after a rotation (atrest extension): the data plane holds them, so it runs the job.
  { path: `${ENCRYPTION_KEYS}/rewrap`, methods: ['GET', 'POST'], service: BLOBS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  // Storage accounts in a resource group: create, get, update, delete, list, keys.
  { path: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Storage/**', service: ACCOUNTS, access: 'subscription', apiVersions: API_VERSIONS.storage },
  // Resource groups.
  { path: '/subscriptions/{subscriptionId}/resourcegroups', methods: ['GET'], service: ACCOUNTS, access: 'subscription', apiVersions: API_VERSIONS.resources },
  { path: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'], service: ACCOUNTS, access: 'subscription', apiVersions: API_VERSIONS.resources },
  // Operator endpoints, by prefix: feature approval (manual policy), classic accounts (ARM cannot create them),
  // the Key Vault stand-in (customer keys: import, revoke, restore) and the audit of key use.
  { path: '/operator/subscriptions/{subscriptionId}/features/**', service: FEATURES, access: 'operator' },
  { path: '/operator/feature-registrations/**', service: FEATURES, access: 'operator' },
  { path: '/operator/classicStorageAccounts/**', service: ACCOUNTS, access: 'operator' },
  { path: '/operator/keyvault/**', service: KEYS, access: 'operator' },
  { path: '/operator/key-audit', methods: ['GET'], service: KEYS, access: 'operator' },
];
