import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { subscriptionId, timestamp } from './common.schemas';

const provider = z.object({ subscriptionId, providerNamespace: z.string().min(1), at: timestamp });
const feature = z.object({
  subscriptionId,
  providerNamespace: z.string().min(1),
  featureName: z.string().min(1),
  at: timestamp,
});

export const ResourceProviderRegistered = defineEvent('ResourceProviderRegistered', Topics.features, 1, provider);
export const ResourceProviderUnregistered = defineEvent('ResourceProviderUnregistered', Topics.features, 1, provider);
export const FeatureRegistrationRequested = defineEvent('FeatureRegistrationRequested', Topics.features, 1, feature);
export const FeatureRegistered = defineEvent('FeatureRegistered', Topics.features, 1, feature);
export const FeatureRegistrationRejected = defineEvent(
  'FeatureRegistrationRejected',
  Topics.features,
  1,
  feature.extend({ reason: z.string().min(1) }),
);
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
