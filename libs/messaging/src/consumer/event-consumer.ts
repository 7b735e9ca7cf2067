import type { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { claimedEventType, InvalidEventError, parseEventEnvelope, readEventJson, type EventEnvelope } from '@atrest/contracts';
import { backoffDelay, sleep } from '../kafka/backoff';
import type { KafkaConnection } from '../kafka/kafka-connection';
import type { MessagingLogger } from '../kafka/messaging-logger';
import { sendToDeadLetterTopic } from './dead-letter';
import type { EventHandlers } from './event-handler';

export interface EventConsumerOptions {
  /** Consumer group, one per service (and per purpose within it). */
  readonly groupId: string;
  /** Logical topics to follow. */
  readonly topics: readonly string[];
  readonly handlers: EventHandlers;
  /**
   * Whether an event changes nothing here, decided before its transaction:
   * then no handler runs and nothing is recorded (no processed_events row;
   * a redelivery asks again). For a subscriber that
   * ignores most of a busy topic (the replicator and changes of accounts
   * that are not geo-redundant): one query instead of a transaction.
   */
  readonly skips?: (event: EventEnvelope) => Promise<boolean>;
  /** Attempts per message before it goes to the dead-letter topic. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly fromBeginning?: boolean;
}

/**
 * Idempotent, ordered consumption: each event is applied in one transaction
 * together with its processed-event record, so a redelivery changes nothing.
 * A malformed message goes straight to the dead-letter topic; a failing one
 * after bounded retries. Either way the partition keeps moving.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private dlqProducer?: Producer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly logger: MessagingLogger,
    private readonly options: EventConsumerOptions,
  ) {}

  async start(): Promise<void> {
    const groupId = this.kafka.topic(this.options.groupId);
    // Backoff capped at 5 s, so a consumer notices a returning broker within seconds.
    this.consumer = this.kafka.consumer({ groupId, retry: { retries: 20, initialRetryTime: 300, maxRetryTime: 5_000 } });
    this.dlqProducer = this.kafka.producer();
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => this.kafka.topic(t)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({ autoCommit: true, eachMessage: (payload) => this.onMessage(groupId, payload) });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
  }

  private async onMessage(groupId: string, { topic, partition, message }: EachMessagePayload): Promise<void> {
    let event: EventEnvelope;
    try {
      const value = readEventJson(message.value ?? '');
      // Only what this consumer handles is validated (zod, every field): a consumer of a few
      // types on a busy topic skips the rest unread.
      const type = claimedEventType(value);
      if (type !== undefined && !this.options.handlers[type]) return;
      event = parseEventEnvelope(value);
    } catch (error) {
      const reason = error instanceof InvalidEventError ? error.message : `unreadable message: ${String(error)}`;
      this.logger.warn('message sent to dead-letter topic', { topic, partition, offset: message.offset, reason });
      await sendToDeadLetterTopic(this.dlqProducer!, { topic, partition, message, groupId, reason, attempts: 0 });
      return;
    }
    const handler = this.options.handlers[event.type];
    if (!handler) return;

    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.options.skips?.(event)) return;
        await this.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO processed_events (consumer_group, event_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [groupId, event.eventId],
          );
          if (inserted.length === 0) return; // already applied: a redelivery
          await handler(event, manager);
        });
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          const reason = `handler for ${event.type} failed ${attempt} times: ${String(error)}`;
          this.logger.error('event sent to dead-letter topic', { topic, partition, offset: message.offset, eventId: event.eventId, reason });
          await sendToDeadLetterTopic(this.dlqProducer!, { topic, partition, message, groupId, reason, attempts: attempt });
          return;
        }
        await sleep(backoffDelay(attempt, this.options.retryDelayMs ?? 100, 2_000));
      }
    }
  }
}
