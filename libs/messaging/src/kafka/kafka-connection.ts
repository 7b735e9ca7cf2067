import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type Producer, type ProducerConfig } from 'kafkajs';
import { deadLetterTopic } from '@atrest/contracts';
import { backoffDelay, sleep } from './backoff';
import type { MessagingLogger } from './messaging-logger';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Deployment/test prefix put before every logical topic name. */
  readonly topicPrefix?: string;
  /** Partitions of topics this service creates (existing topics are left alone). */
  readonly partitions?: number;
}

/**
 * The one place atrest touches KafkaJS (unmaintained upstream; a compatible
 * client can replace it here without the services noticing).
 */
export class KafkaConnection {
  private readonly kafka: Kafka;
  readonly topicPrefix: string;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: MessagingLogger,
  ) {
    this.topicPrefix = settings.topicPrefix ?? '';
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      logLevel: logLevel.WARN,
      // KafkaJS logs through our logger, as one structured line per entry.
      logCreator: () => ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        // A topic another service created a moment earlier fails the request, which the admin client then takes as done;
        // a creation that really fails is thrown by ensureTopics and reported there.
        if (message.startsWith('Response CreateTopics')) return;
        const line = { component: `kafkajs:${namespace}`, ...extra };
        if (level <= logLevel.ERROR) this.logger.error(message, line);
        else this.logger.warn(message, line);
      },
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    });
  }

  /** Deployed name of a logical topic. */
  topic(logical: string): string {
    return `${this.topicPrefix}${logical}`;
  }

  producer(config?: ProducerConfig): Producer {
    // The Java-compatible partitioner: a key lands where Kafka's own clients would put it.
    return this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...config });
  }

  consumer(config: ConsumerConfig): Consumer {
    return this.kafka.consumer(config);
  }

  admin(): Admin {
    return this.kafka.admin();
  }

  /**
   * Creates each logical topic and its dead-letter topic if missing, and
   * returns once every partition of each has a leader. Several services
   * start together and create the same topics: one that finds a topic
   * another has just created must still wait for its leaders, or its
   * consumer's first fetch fails (UNKNOWN_TOPIC_OR_PARTITION). Transient
   * metadata errors are retried.
   */
  async ensureTopics(logicalTopics: readonly string[], attempts = 6): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createMissingTopics(logicalTopics);
      } catch (error) {
        if (attempt >= attempts) throw error;
        this.logger.warn('topic creation not settled yet; retrying', { error: String(error), attempt });
        await sleep(backoffDelay(attempt, 250, 3_000));
      }
    }
  }

  private async createMissingTopics(logicalTopics: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const wanted = logicalTopics.flatMap((t) => [this.topic(t), deadLetterTopic(this.topic(t))]);
      const topics = [...new Set(wanted)];
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0)
        await admin
          .createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions: this.settings.partitions ?? 3, replicationFactor: 1 })),
          })
          .catch((error: unknown) => {
            throw topicCreationFailure(error);
          });
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0)).map((t) => t.name);
      if (leaderless.length > 0) throw new Error(`topics without leaders yet: ${leaderless.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }

  /** Readiness probe: the cluster answers metadata requests within the timeout. */
  async ping(timeoutMs = 3_000): Promise<void> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          await admin.connect();
          await admin.describeCluster();
        })(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** KafkaJS's "Topic creation errors" with each topic's own error in the message (it says only that some failed). */
const topicCreationFailure = (error: unknown): unknown => {
  const causes = (error as { errors?: Array<{ topic?: string; message?: string }> }).errors;
  if (!Array.isArray(causes) || causes.length === 0) return error;
  return new Error(`could not create topics: ${causes.map((c) => `${c.topic ?? '?'}: ${c.message ?? String(c)}`).join('; ')}`, { cause: error });
};

/** Kafka settings from a service's validated config (libs/platform's kafkaSettings). */
export const kafkaSettingsFrom = (
  config: { KAFKA_BROKERS: readonly string[]; KAFKA_CLIENT_ID?: string; KAFKA_TOPIC_PREFIX: string; KAFKA_TOPIC_PARTITIONS?: number },
  serviceName: string,
): KafkaSettings => ({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? serviceName,
  topicPrefix: config.KAFKA_TOPIC_PREFIX,
  partitions: config.KAFKA_TOPIC_PARTITIONS,
});
