import { Kafka, logLevel, Partitioners, type KafkaMessage } from 'kafkajs';

/**
 * Test-side Kafka access (raw produce, read a topic from the start), so
 * specs can inject duplicates or malformed messages and inspect dead letters.
 */
export class KafkaProbe {
  private readonly kafka: Kafka;

  /** `quick`: gives up within seconds when the broker is away, instead of KafkaJS's retries. */
  constructor(brokers: readonly string[], { quick = false } = {}) {
    this.kafka = new Kafka({
      clientId: 'atrest-test-probe',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      ...(quick && { connectionTimeout: 2_000, retry: { retries: 1 } }),
    });
  }

  async produce(topic: string, messages: Array<{ key?: string; value: string | Buffer }>): Promise<void> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  /** Every message on a topic now (all partitions): what a relay whose outbox is empty has published. */
  async readPublished(topic: string, { timeoutMs = 20_000 } = {}): Promise<KafkaMessage[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    let onTopic = 0;
    try {
      for (const { high, low } of await admin.fetchTopicOffsets(topic)) onTopic += Number(high) - Number(low);
    } finally {
      await admin.disconnect();
    }
    return onTopic === 0 ? [] : this.readAll(topic, { atLeast: onTopic, timeoutMs });
  }

  /** Reads every message currently on a topic (all partitions), waiting up to `timeoutMs` for at least `atLeast`. */
  async readAll(topic: string, { atLeast = 1, timeoutMs = 20_000 } = {}): Promise<KafkaMessage[]> {
    const consumer = this.kafka.consumer({ groupId: `probe-${topic}-${Date.now()}-${Math.random()}` });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let done!: () => void;
      const enough = new Promise<void>((resolve) => (done = resolve));
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message);
          if (seen.length >= atLeast) done();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([enough, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      return seen;
    } finally {
      await consumer.disconnect();
    }
  }

  /** Deletes every topic whose name starts with `prefix`. */
  async deleteTopicsStartingWith(prefix: string): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    } finally {
      await admin.disconnect();
    }
  }
}
