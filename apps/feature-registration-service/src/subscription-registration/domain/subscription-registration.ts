import type { DomainEvent, FeatureEvent } from '@atrest/contracts';

/** Microsoft.Storage registration: completes at once, so "Registering" is never kept. */
export type ProviderState = 'NotRegistered' | 'Registered' | 'Unregistered';
/**
 * EncryptionAtRest registration. A rejected request goes back to NotRegistered:
 * Azure's feature states have no "Rejected", so Azure clients see a state they know.
 */
export const featureStates = ['NotRegistered', 'Pending', 'Registered', 'Unregistered'] as const;
export type FeatureState = (typeof featureStates)[number];

/** What one subscription has registered (the stream's state, and the read model's row). */
export interface SubscriptionRegistration {
  readonly provider: ProviderState;
  readonly feature: FeatureState;
  /** When the pending (or granted) request was made. */
  readonly requestedAt?: string;
  /** When the request was approved. */
  readonly registeredAt?: string;
  /** Why the last request was rejected, while the subscription has not asked again. */
  readonly rejection?: { readonly reason: string; readonly at: string };
}

export const registrationStreamId = (subscriptionId: string): string => `SubscriptionRegistration-${subscriptionId}`;

export const initialState = (): SubscriptionRegistration => ({ provider: 'NotRegistered', feature: 'NotRegistered' });

export const evolve = (state: SubscriptionRegistration, event: DomainEvent): SubscriptionRegistration => {
  // Only feature events are ever appended to this stream (validated against their contracts on write).
  const e = event as FeatureEvent;
  switch (e.type) {
    case 'ResourceProviderRegistered':
      return { ...state, provider: 'Registered' };
    case 'ResourceProviderUnregistered':
      return { ...state, provider: 'Unregistered' };
    case 'FeatureRegistrationRequested':
      return { provider: state.provider, feature: 'Pending', requestedAt: e.data.at };
    case 'FeatureRegistered':
      return { ...state, feature: 'Registered', registeredAt: e.data.at };
    case 'FeatureRegistrationRejected':
      return { provider: state.provider, feature: 'NotRegistered', rejection: { reason: e.data.reason, at: e.data.at } };
    case 'FeatureUnregistered':
      return { provider: state.provider, feature: 'Unregistered' };
    default: {
      const unknown: never = e;
      throw new Error(`unexpected event ${(unknown as DomainEvent).type} in a subscription registration stream`);
    }
  }
};
