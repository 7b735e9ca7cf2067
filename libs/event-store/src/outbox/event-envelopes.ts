import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { topicOf, validateEventData, type DomainEvent, type EventEnvelope, type EventMetadata } from '@atrest/contracts';
import { enqueueOutboxMessages } from './outbox';
import type { OutboxMessage } from './outbox-message';

export const SCHEMA_VERSION = 1;

/**
 * Gives domain events their envelopes (id, stream position, time), validating
 * each against its contract first: an invalid event throws before anything is written.
 */
export const envelopeEvents = (
  streamId: string,
  firstVersion: number,
  events: readonly DomainEvent[],
  now: Date,
  metadata: EventMetadata = {},
): EventEnvelope[] =>
  events.map((e, i) => ({
    eventId: randomUUID(),
    type: e.type,
    schemaVersion: SCHEMA_VERSION,
    streamId,
    streamVersion: firstVersion + i,
    occurredAt: now.toISOString(),
    data: validateEventData(e.type, SCHEMA_VERSION, e.data),
    metadata,
  }));

/** Envelopes as Kafka messages: on their contract's topic, keyed by stream id (one partition, in order, per stream). */
export const outboxMessagesOf = (envelopes: readonly EventEnvelope[]): OutboxMessage[] =>
  envelopes.map((e) => ({ topic: topicOf(e.type, e.schemaVersion), key: e.streamId, messageId: e.eventId, payload: e }));

/**
 * Queues envelopes for Kafka in the caller's transaction. Producers that keep
 * state in tables rather than streams (the data plane) publish their change events this way.
 */
export const enqueueEvents = (manager: EntityManager, envelopes: readonly EventEnvelope[]): Promise<void> =>
  enqueueOutboxMessages(manager, outboxMessagesOf(envelopes));
