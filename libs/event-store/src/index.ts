export * from './streams/concurrency-conflict';
export * from './streams/event-store';
export * from './outbox/outbox-message';
export * from './outbox/outbox';
export * from './outbox/event-envelopes';
export * from './outbox/outbox-publisher';
export * from './commands/handle-command';
export { CreateEventStore1764400000000 } from './migrations/1764400000000-create-event-store';

import { CreateEventStore1764400000000 } from './migrations/1764400000000-create-event-store';
import { OutboxKeepsOnlyUnpublished1765300000000 } from './migrations/1765300000000-outbox-keeps-only-unpublished';
/** Migrations a service using the event store adds to its own list. */
export const eventStoreMigrations = [CreateEventStore1764400000000, OutboxKeepsOnlyUnpublished1765300000000];
