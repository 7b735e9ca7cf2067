/** Stable codes of this service's refusals (Azure's own where Azure has one). */
export const RegistrationErrorCodes = {
  invalidResourceNamespace: 'InvalidResourceNamespace',
  featureNotFound: 'FeatureNotFound',
  resourceProviderNotRegistered: 'ResourceProviderNotRegistered',
  resourceProviderUnregistrationNotAllowed: 'ResourceProviderUnregistrationNotAllowed',
  featureRegistrationNotPending: 'FeatureRegistrationNotPending',
} as const;
