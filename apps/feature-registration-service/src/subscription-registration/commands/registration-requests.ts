import type { EventMetadata } from '@atrest/contracts';

/** A call on a resource provider of a subscription, as the ARM path names it. */
export interface ProviderRequest {
  readonly subscriptionId: string;
  readonly namespace: string;
  readonly metadata: EventMetadata;
}

/** A call on a preview feature of a subscription, as the ARM (or operator) path names it. */
export interface FeatureRequest extends ProviderRequest {
  readonly featureName: string;
}
