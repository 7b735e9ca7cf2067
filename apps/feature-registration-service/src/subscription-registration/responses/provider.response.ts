import { regions } from '@atrest/contracts';
import { FEATURES_NAMESPACE, providerNamespaces, STORAGE_NAMESPACE, type ProviderNamespace } from '../domain/provider-catalog';
import type { SubscriptionRegistration } from '../domain/subscription-registration';

/** ARM's Provider (Microsoft.Resources providers API), as @azure/arm-resources reads it. */
export interface ProviderResponse {
  readonly id: string;
  readonly namespace: ProviderNamespace;
  readonly registrationState: string;
  readonly registrationPolicy: 'RegistrationRequired' | 'RegistrationFree';
  readonly resourceTypes: ReadonlyArray<{ resourceType: string; locations: string[]; apiVersions: string[] }>;
}

// Storage API versions clients may call the account endpoints with (newest first).
const storageApiVersions = ['2023-05-01', '2023-01-01', '2022-09-01', '2021-09-01', '2019-06-01', '2016-12-01', '2016-01-01'];
const featuresApiVersions = ['2021-07-01', '2015-12-01'];
const regionNames = regions.map((r) => r.displayName);

const resourceTypes: Record<ProviderNamespace, ProviderResponse['resourceTypes']> = {
  [STORAGE_NAMESPACE]: [
    { resourceType: 'storageAccounts', locations: regionNames, apiVersions: storageApiVersions },
    { resourceType: 'checkNameAvailability', locations: [], apiVersions: storageApiVersions },
    { resourceType: 'locations', locations: [], apiVersions: storageApiVersions },
    { resourceType: 'operations', locations: [], apiVersions: storageApiVersions },
  ],
  [FEATURES_NAMESPACE]: [
    { resourceType: 'features', locations: [], apiVersions: featuresApiVersions },
    { resourceType: 'providers', locations: [], apiVersions: featuresApiVersions },
    { resourceType: 'operations', locations: [], apiVersions: featuresApiVersions },
  ],
};

export const providerResponse = (
  subscriptionId: string,
  namespace: ProviderNamespace,
  registration: SubscriptionRegistration,
): ProviderResponse => ({
  id: `/subscriptions/${subscriptionId}/providers/${namespace}`,
  namespace,
  // Feature exposure control needs no registration: always there.
  registrationState: namespace === FEATURES_NAMESPACE ? 'Registered' : registration.provider,
  registrationPolicy: namespace === FEATURES_NAMESPACE ? 'RegistrationFree' : 'RegistrationRequired',
  resourceTypes: resourceTypes[namespace],
});

export const providerListResponse = (subscriptionId: string, registration: SubscriptionRegistration) => ({
  value: providerNamespaces.map((namespace) => providerResponse(subscriptionId, namespace, registration)),
});
