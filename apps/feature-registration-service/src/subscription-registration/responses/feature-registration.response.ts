import { ENCRYPTION_AT_REST, STORAGE_NAMESPACE } from '../domain/provider-catalog';
import type { SubscriptionRegistration } from '../domain/subscription-registration';

/** What operators see of a subscription's EncryptionAtRest registration (not an ARM resource). */
export const featureRegistrationResponse = (subscriptionId: string, registration: SubscriptionRegistration) => ({
  subscriptionId,
  providerNamespace: STORAGE_NAMESPACE,
  featureName: ENCRYPTION_AT_REST,
  state: registration.feature,
  ...(registration.requestedAt && { requestedAt: registration.requestedAt }),
  ...(registration.registeredAt && { registeredAt: registration.registeredAt }),
  ...(registration.rejection && { rejection: registration.rejection }),
});
