import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventConsumer, type EventConsumerOptions } from '../consumer/event-consumer';
import { KafkaConnection } from '../kafka/kafka-connection';
import { nestMessagingLogger } from './nest-messaging-logger';

/**
 * A projection or process manager fed by Kafka: its consumer group, the
 * logical topics it follows, one handler per event type (each runs in the
 * transaction that records the event as processed) and, optionally, what
 * it rules out before any transaction: the options of its EventConsumer.
 */
export type EventSubscriber = Pick<EventConsumerOptions, 'groupId' | 'topics' | 'handlers' | 'skips'>;

/** Starts every registered subscriber's consumer after boot; stops them before the database closes. */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscribers: EventSubscriber[] = [];
  private readonly consumers: EventConsumer[] = [];

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KafkaConnection) private readonly kafka: KafkaConnection,
  ) {}

  register(subscriber: EventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const s of this.subscribers) {
      const consumer = new EventConsumer(this.dataSource, this.kafka, nestMessagingLogger(`consumer:${s.groupId}`), s);
      this.consumers.push(consumer);
      await consumer.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
  }
}
