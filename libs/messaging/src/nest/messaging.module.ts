import { DynamicModule, Inject, Injectable, Module, BeforeApplicationShutdown, OnApplicationBootstrap, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provideReadinessCheck } from '@atrest/platform';
import { KafkaConnection, type KafkaSettings } from '../kafka/kafka-connection';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventConsumerHost } from './event-consumer.host';
import { KafkaReadinessCheck } from './kafka.readiness';
import { nestMessagingLogger } from './nest-messaging-logger';

export interface MessagingOptions extends KafkaSettings {
  /** Logical topics this service publishes or consumes: created (with their DLQ) at start-up. */
  readonly topics: readonly string[];
  /** Relay this service's outbox to Kafka (services that write events). */
  readonly relayOutbox?: boolean;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Kafka for a service: the connection, topic creation, the "kafka" readiness
 * check, the host of its event subscribers (see provideEventSubscriber) and,
 * if asked, the outbox relay; started after boot, stopped before the database closes.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KafkaConnection, useFactory: () => new KafkaConnection(options, nestMessagingLogger('kafka')) },
        ...(options.relayOutbox
          ? [
              {
                provide: OutboxRelay,
                useFactory: (db: DataSource, kafka: KafkaConnection) => new OutboxRelay(db, kafka, nestMessagingLogger('outbox-relay')),
                inject: [DataSource, KafkaConnection],
              },
            ]
          : []),
        MessagingLifecycle,
        EventConsumerHost,
        ...provideReadinessCheck(KafkaReadinessCheck),
      ],
      exports: [KafkaConnection, EventConsumerHost, ...(options.relayOutbox ? [OutboxRelay] : [])],
    };
  }
}

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KafkaConnection) private readonly kafka: KafkaConnection,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {}

  // Module init runs before any subscriber starts consuming (application bootstrap).
  async onModuleInit(): Promise<void> {
    await this.kafka.ensureTopics(this.options.topics);
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  // Before shutdown, so the relay stops while the (global) database is still open.
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
