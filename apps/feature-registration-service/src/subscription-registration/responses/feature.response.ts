import type { KnownFeature } from '../domain/provider-catalog';
import type { SubscriptionRegistration } from '../domain/subscription-registration';

/** ARM's FeatureResult (Microsoft.Features), as @azure/arm-features reads it. */
export interface FeatureResponse {
  readonly id: string;
  readonly name: string;
  readonly type: 'Microsoft.Features/providers/features';
  readonly properties: { readonly state: string };
}

// EncryptionAtRest is the only feature the registration state describes (see provider-catalog).
export const featureResponse = (
  subscriptionId: string,
  { providerNamespace, featureName }: KnownFeature,
  registration: SubscriptionRegistration,
): FeatureResponse => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Features/providers/${providerNamespace}/features/${featureName}`,
  name: `${providerNamespace}/${featureName}`,
  type: 'Microsoft.Features/providers/features',
  properties: { state: registration.feature },
});

export const featureListResponse = (
  subscriptionId: string,
  features: readonly KnownFeature[],
  registration: SubscriptionRegistration,
): { value: FeatureResponse[] } => ({ value: features.map((f) => featureResponse(subscriptionId, f, registration)) });
