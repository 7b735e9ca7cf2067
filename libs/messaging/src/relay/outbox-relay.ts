import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { OutboxPublisher, type PendingOutboxMessage } from '@atrest/event-store';
import { afterEveryCommit } from '@atrest/platform';
import { backoffDelay } from '../kafka/backoff';
import type { KafkaConnection } from '../kafka/kafka-connection';
import type { MessagingLogger } from '../kafka/messaging-logger';

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /**
   * How long to wait when the outbox is empty (default 1000). Commits of this
   * process's transactions wake the relay sooner (within lingerMs), so this
   * bounds only the delay of rows another process commits (a replica that
   * does not hold the relay lock) and of writes outside a transaction.
   * Polling every 50 ms cost each idle service 3-5% of a core.
   */
  readonly idleMs?: number;
  /**
   * How long a nudge waits for more commits before the relay polls (Kafka's
   * linger.ms; default 20): under load one poll and one produce request carry
   * many events instead of one each; alone, an event waits this much longer.
   * On the 4 KiB upload benchmark 20 ms took the broker's CPU per upload from
   * 1.0 to 0.2 ms and uploads from 0.59 to 0.79 of Azurite's (docs/performance-history.md).
   */
  readonly lingerMs?: number;
}

/** How soon a pass that found rows held back by an older transaction looks again. */
const HELD_BACK_RETRY_MS = 100;
const DEFAULT_LINGER_MS = 20;

/**
 * Publishes committed outbox rows to Kafka in commit order, keyed by
 * aggregate id, and marks them published only after Kafka acknowledged them
 * (at-least-once: a crash between the two re-sends, consumers dedupe).
 * While Kafka is down it keeps retrying with backoff and catches up after.
 */
export class OutboxRelay {
  private readonly outbox: OutboxPublisher;
  private producer?: Producer;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lingering?: NodeJS.Timeout;
  /** A commit since the current pass began: the next wait is lingerMs, not idleMs. */
  private nudged = false;
  private stopNudges?: () => void;
  private readonly lingerMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly logger: MessagingLogger,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.outbox = new OutboxPublisher(dataSource);
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Every commit on the relay's database by this process (what writes the outbox) nudges it.
    this.stopNudges = afterEveryCommit(this.dataSource, () => this.nudge());
    // One in-flight request keeps per-partition order across retries.
    this.producer = this.kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.loop = this.run();
  }

  /** Ask for a pass soon (right after a commit: within lingerMs) instead of waiting for the idle timer. */
  private nudge(): void {
    this.nudged = true;
    if (!this.wake || this.lingering) return;
    this.lingering = setTimeout(() => {
      this.lingering = undefined;
      this.wake?.();
    }, this.lingerMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopNudges?.();
    clearTimeout(this.lingering);
    this.wake?.();
    await this.loop;
    await this.outbox.release();
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    const idleMs = this.options.idleMs ?? 1000;
    let failures = 0;
    let connected = false;
    while (this.running) {
      try {
        if (!connected) {
          await this.producer!.connect();
          connected = true;
        }
        this.nudged = false;
        const published = await this.outbox.publishNextBatch(batchSize, (m) => this.send(m));
        if (failures > 0) this.logger.info('outbox relay caught up with Kafka again', { published });
        failures = 0;
        // Committed rows held back by an older transaction still in flight (anywhere in the cluster) are read again
        // soon, not after the idle wait: no commit of this process may come to nudge the relay meanwhile.
        if (published < batchSize)
          await this.idle(this.nudged ? this.lingerMs : this.outbox.heldBack ? Math.min(idleMs, HELD_BACK_RETRY_MS) : idleMs);
      } catch (error) {
        failures++;
        connected = false;
        await this.producer!.disconnect().catch(() => undefined);
        this.logger.warn('outbox relay could not publish; retrying', { error: String(error), failures });
        await this.idle(backoffDelay(failures));
      }
    }
  }

  private async send(messages: readonly PendingOutboxMessage[]): Promise<void> {
    const byTopic = new Map<string, PendingOutboxMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic: this.kafka.topic(topic),
        messages: batch.map((m) => ({
          key: m.key,
          value: JSON.stringify(m.payload),
          headers: { 'message-id': m.messageId },
        })),
      })),
    });
  }

  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      this.wake = undefined;
    });
  }
}
