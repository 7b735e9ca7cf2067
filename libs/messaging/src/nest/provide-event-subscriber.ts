import type { Provider, Type } from '@nestjs/common';
import { EventConsumerHost, type EventSubscriber } from './event-consumer.host';

/**
 * Registers a subscriber class (built by Nest DI) with the consumer host:
 * one line in a module's providers: `...provideEventSubscriber(FeatureStateProjection)`.
 */
export const provideEventSubscriber = (subscriber: Type<EventSubscriber>): Provider[] => [
  subscriber,
  {
    provide: Symbol(`event-subscriber:${subscriber.name}`),
    useFactory: (host: EventConsumerHost, instance: EventSubscriber) => host.register(instance),
    inject: [EventConsumerHost, subscriber],
  },
];
