/** Kafka topics of atrest, by the bounded context that owns them. */
export const Topics = {
  features: 'atrest.features',
  accounts: 'atrest.accounts',
  keys: 'atrest.keys',
  blobs: 'atrest.blobs',
  /** The data plane's acknowledgements, apart from the blob changes so that their readers skip none. */
  dataPlane: 'atrest.data-plane',
  replication: 'atrest.replication',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a message goes when its consumer cannot handle it. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Topic names as deployed: a prefix lets several test files (or deployments)
 * share one broker without seeing each other's messages.
 */
export const topicName = (topic: TopicName, prefix = ''): string => `${prefix}${topic}`;
