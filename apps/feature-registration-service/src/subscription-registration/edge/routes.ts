// ARM paths (case-insensitive, as Express matches them) and operator paths of this service.

export const PROVIDERS_ROUTE = 'subscriptions/:subscriptionId/providers';
export const PROVIDER_ROUTE = `${PROVIDERS_ROUTE}/:namespace`;
/** Microsoft.Features' own routes for one provider namespace. */
export const NAMESPACE_FEATURES_ROUTE = `${PROVIDERS_ROUTE}/Microsoft.Features/providers/:namespace/features`;
export const ALL_FEATURES_ROUTE = `${PROVIDERS_ROUTE}/Microsoft.Features/features`;
export const FEATURE_ROUTE = `${NAMESPACE_FEATURES_ROUTE}/:featureName`;

export const OPERATOR_FEATURE_ROUTE = 'operator/subscriptions/:subscriptionId/features/:namespace/:featureName';
export const OPERATOR_REGISTRATIONS_ROUTE = 'operator/feature-registrations';
