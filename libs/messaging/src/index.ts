export * from './kafka/kafka-connection';
export * from './kafka/messaging-logger';
export { backoffDelay } from './kafka/backoff';
export * from './relay/outbox-relay';
export * from './consumer/event-handler';
export * from './consumer/event-consumer';
export { CreateProcessedEvents1764400000100 } from './migrations/1764400000100-create-processed-events';

import { CreateProcessedEvents1764400000100 } from './migrations/1764400000100-create-processed-events';
/** Migrations a service that consumes events adds to its own list. */
export const messagingMigrations = [CreateProcessedEvents1764400000100];
export * from './nest/messaging.module';
export * from './nest/kafka.readiness';
export * from './nest/nest-messaging-logger';
export * from './nest/event-consumer.host';
export * from './nest/provide-event-subscriber';
