import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@atrest/contracts';

/**
 * Applies one event inside the transaction that also records it as
 * processed: either both commit or neither does.
 */
export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

/** Handlers by event type; types without a handler are acknowledged and skipped. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;
