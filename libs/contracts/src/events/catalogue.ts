import { z } from 'zod';
import type { TopicName } from '../topics/topics';
import { accountEvents } from './accounts.events';
import { blobEvents } from './blobs.events';
import { envelopeSchema, type EventDefinition, type EventEnvelope } from './envelope';
import { dataPlaneEvents } from './data-plane.events';
import { featureEvents } from './features.events';
import { keyEvents } from './keys.events';
import { geoFailoverEvents, replicationEvents } from './replication.events';

/** Every event atrest publishes: the whole vocabulary in one place. */
export const eventCatalogue: readonly EventDefinition[] = [
  ...featureEvents,
  ...accountEvents,
  ...keyEvents,
  ...dataPlaneEvents,
  ...blobEvents,
  ...geoFailoverEvents,
  ...replicationEvents,
];

const byKey = new Map(eventCatalogue.map((d) => [`${d.type}@${d.schemaVersion}`, d]));

/** An event that does not match its contract; the reason says which field and why. */
export class InvalidEventError extends Error {
  readonly code = 'InvalidEvent';
  constructor(readonly reason: string) {
    super(`invalid event: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

const describe = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');

export const findEventDefinition = (type: string, schemaVersion: number): EventDefinition | undefined =>
  byKey.get(`${type}@${schemaVersion}`);

/** Validates an event's payload against its contract, as a producer must before it stores the event. */
export const validateEventData = (type: string, schemaVersion: number, data: unknown): unknown => {
  const definition = findEventDefinition(type, schemaVersion);
  if (!definition) throw new InvalidEventError(`unknown event type ${type} v${schemaVersion}`);
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) throw new InvalidEventError(`${type} v${schemaVersion} data: ${describe(parsed.error)}`);
  return parsed.data;
};

/** A message's JSON, not validated yet (InvalidEventError if it is not JSON). */
export const readEventJson = (raw: string | Buffer): unknown => {
  try {
    return JSON.parse(raw.toString());
  } catch {
    throw new InvalidEventError('message is not JSON');
  }
};

/** The `type` a message's JSON claims, before any validation: what a consumer decides by whether to read it at all. */
export const claimedEventType = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as { type: string }).type : undefined;

/** Parses and validates an envelope as received from Kafka (object or JSON text). */
export const parseEventEnvelope = (raw: unknown): EventEnvelope => {
  const value = typeof raw === 'string' || Buffer.isBuffer(raw) ? readEventJson(raw) : raw;
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw new InvalidEventError(`envelope: ${describe(envelope.error)}`);
  const data = validateEventData(envelope.data.type, envelope.data.schemaVersion, envelope.data.data);
  return { ...envelope.data, data };
};

/** The topic an event type travels on. */
export const topicOf = (type: string, schemaVersion = 1): TopicName => {
  const definition = findEventDefinition(type, schemaVersion);
  if (!definition) throw new InvalidEventError(`unknown event type ${type} v${schemaVersion}`);
  return definition.topic;
};
