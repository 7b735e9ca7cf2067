import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { subscriptionId, timestamp } from './common.schemas';

// Registration facts of one subscription (stream SubscriptionRegistration-<subscriptionId>).
// `at` is when the fact happened; none of these carries a secret.

const provider = z.object({ subscriptionId, providerNamespace: z.string().min(1), at: timestamp });
const feature = z.object({
  subscriptionId,
  providerNamespace: z.string().min(1),
  featureName: z.string().min(1),
  at: timestamp,
});

export const ResourceProviderRegistered = defineEvent('ResourceProviderRegistered', Topics.features, 1, provider);
export const ResourceProviderUnregistered = defineEvent('ResourceProviderUnregistered', Topics.features, 1, provider);
/** The subscription asked for the preview feature; it is Pending until approved or rejected. */
export const FeatureRegistrationRequested = defineEvent('FeatureRegistrationRequested', Topics.features, 1, feature);
/** The subscription was approved for the feature; `at` is the approval time. */
export const FeatureRegistered = defineEvent('FeatureRegistered', Topics.features, 1, feature);
/** The request was turned down; the subscription is NotRegistered again and may ask anew. */
export const FeatureRegistrationRejected = defineEvent(
  'FeatureRegistrationRejected',
  Topics.features,
  1,
  feature.extend({ reason: z.string().min(1).max(1000) }),
);
/** The subscription left the feature (or withdrew a pending request). */
export const FeatureUnregistered = defineEvent('FeatureUnregistered', Topics.features, 1, feature);

export const featureEvents = [
  ResourceProviderRegistered,
  ResourceProviderUnregistered,
  FeatureRegistrationRequested,
  FeatureRegistered,
  FeatureRegistrationRejected,
  FeatureUnregistered,
] as const;

export type FeatureEvent = EventOf<(typeof featureEvents)[number]>;
