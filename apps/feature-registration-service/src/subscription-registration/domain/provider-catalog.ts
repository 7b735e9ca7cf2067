import { DomainError } from '@atrest/contracts';
import { RegistrationErrorCodes } from './subscription-registration.errors';

/** Registration of Microsoft.Storage and its features is what this service keeps. */
export const STORAGE_NAMESPACE = 'Microsoft.Storage';
/** Azure Feature Exposure Control itself: always registered, nothing to record. */
export const FEATURES_NAMESPACE = 'Microsoft.Features';
/** The seed's preview feature. */
export const ENCRYPTION_AT_REST = 'EncryptionAtRest';

export const providerNamespaces = [FEATURES_NAMESPACE, STORAGE_NAMESPACE] as const;
export type ProviderNamespace = (typeof providerNamespaces)[number];

const featuresByNamespace: Readonly<Record<ProviderNamespace, readonly string[]>> = {
  [FEATURES_NAMESPACE]: [],
  [STORAGE_NAMESPACE]: [ENCRYPTION_AT_REST],
};

export interface KnownFeature {
  readonly providerNamespace: ProviderNamespace;
  readonly featureName: string;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The canonical spelling of a namespace (ARM namespaces are case-insensitive). */
export const resolveNamespace = (namespace: string): ProviderNamespace => {
  const known = providerNamespaces.find((n) => sameName(n, namespace));
  if (!known)
    throw new DomainError(RegistrationErrorCodes.invalidResourceNamespace, `The resource namespace '${namespace}' is invalid.`);
  return known;
};

/** The preview features a namespace offers. */
export const featuresOf = (namespace: ProviderNamespace): readonly KnownFeature[] =>
  featuresByNamespace[namespace].map((featureName) => ({ providerNamespace: namespace, featureName }));

/** A known feature by its (case-insensitive) namespace and name. */
export const resolveFeature = (namespace: string, featureName: string): KnownFeature => {
  const known = featuresOf(resolveNamespace(namespace)).find((f) => sameName(f.featureName, featureName));
  if (!known)
    throw new DomainError(
      RegistrationErrorCodes.featureNotFound,
      `The feature '${featureName}' could not be found in namespace '${namespace}'. Known: ${STORAGE_NAMESPACE}/${ENCRYPTION_AT_REST}.`,
    );
  return known;
};
