import { DomainError, type FeatureEvent } from '@atrest/contracts';
import { ENCRYPTION_AT_REST, STORAGE_NAMESPACE } from './provider-catalog';
import type {
  ApproveFeatureRegistration,
  RegisterFeature,
  RegisterResourceProvider,
  RegistrationCommand,
  RejectFeatureRegistration,
  UnregisterFeature,
  UnregisterResourceProvider,
} from './subscription-registration.commands';
import { RegistrationErrorCodes } from './subscription-registration.errors';
import type { SubscriptionRegistration } from './subscription-registration';

type Decision = readonly FeatureEvent[];

const providerFact = ({ subscriptionId, now }: RegistrationCommand) => ({
  subscriptionId,
  providerNamespace: STORAGE_NAMESPACE,
  at: now.toISOString(),
});

const featureFact = (command: RegistrationCommand) => ({ ...providerFact(command), featureName: ENCRYPTION_AT_REST });

const notPending = (state: SubscriptionRegistration, action: string) =>
  new DomainError(
    RegistrationErrorCodes.featureRegistrationNotPending,
    `Only a Pending registration of ${STORAGE_NAMESPACE}/${ENCRYPTION_AT_REST} can be ${action}; this one is ${state.feature}.`,
  );

// Registering an already registered provider or feature is idempotent: no new event.

export const registerResourceProvider = (state: SubscriptionRegistration, command: RegisterResourceProvider): Decision =>
  state.provider === 'Registered' ? [] : [{ type: 'ResourceProviderRegistered', data: providerFact(command) }];

export const unregisterResourceProvider = (state: SubscriptionRegistration, command: UnregisterResourceProvider): Decision =>
  state.provider === 'Registered' ? [{ type: 'ResourceProviderUnregistered', data: providerFact(command) }] : [];

export const registerFeature = (state: SubscriptionRegistration, command: RegisterFeature): Decision => {
  if (state.feature === 'Pending' || state.feature === 'Registered') return [];
  if (state.provider !== 'Registered')
    throw new DomainError(
      RegistrationErrorCodes.resourceProviderNotRegistered,
      `Subscription '${command.subscriptionId}' is not registered with ${STORAGE_NAMESPACE}. Register the ${STORAGE_NAMESPACE} ` +
        `resource provider first: POST /subscriptions/${command.subscriptionId}/providers/${STORAGE_NAMESPACE}/register`,
    );
  return [{ type: 'FeatureRegistrationRequested', data: featureFact(command) }];
};

/** Leaving the feature, or withdrawing a pending request. */
export const unregisterFeature = (state: SubscriptionRegistration, command: UnregisterFeature): Decision =>
  state.feature === 'Pending' || state.feature === 'Registered' ? [{ type: 'FeatureUnregistered', data: featureFact(command) }] : [];

export const approveFeatureRegistration = (state: SubscriptionRegistration, command: ApproveFeatureRegistration): Decision => {
  const { pendingForAtLeastMs: policyDelayMs, now } = command;
  if (state.feature === 'Registered') return [];
  if (state.feature !== 'Pending') {
    if (policyDelayMs !== undefined) return [];
    throw notPending(state, 'approved');
  }
  const pendingMs = now.getTime() - new Date(state.requestedAt ?? now).getTime();
  if (policyDelayMs !== undefined && pendingMs < policyDelayMs) return [];
  return [{ type: 'FeatureRegistered', data: featureFact(command) }];
};

export const rejectFeatureRegistration = (state: SubscriptionRegistration, command: RejectFeatureRegistration): Decision => {
  if (state.feature !== 'Pending') throw notPending(state, 'rejected');
  return [{ type: 'FeatureRegistrationRejected', data: { ...featureFact(command), reason: command.reason } }];
};

export const decide = (command: RegistrationCommand, state: SubscriptionRegistration): Decision => {
  switch (command.type) {
    case 'RegisterResourceProvider':
      return registerResourceProvider(state, command);
    case 'UnregisterResourceProvider':
      return unregisterResourceProvider(state, command);
    case 'RegisterFeature':
      return registerFeature(state, command);
    case 'UnregisterFeature':
      return unregisterFeature(state, command);
    case 'ApproveFeatureRegistration':
      return approveFeatureRegistration(state, command);
    case 'RejectFeatureRegistration':
      return rejectFeatureRegistration(state, command);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as RegistrationCommand).type}`);
    }
  }
};
