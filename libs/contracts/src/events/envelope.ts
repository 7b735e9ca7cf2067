import { z } from 'zod';
import type { TopicName } from '../topics/topics';

/** Who and what caused an event; never carries secrets. */
export const eventMetadataSchema = z
  .object({
    correlationId: z.string().optional(),
    causationId: z.string().optional(),
    actor: z.string().optional(),
  })
  .strict();

export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** An event as it is stored and as it travels on Kafka. */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/** What a pure `decide` returns: the domain facts, before the store gives them an envelope. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** One entry of the catalogue: an event type, the topic it travels on and its payload schema. */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly topic: TopicName;
  readonly schemaVersion: number;
  readonly data: TSchema;
}

export const defineEvent = <TType extends string, TSchema extends z.ZodType>(
  type: TType,
  topic: TopicName,
  schemaVersion: number,
  data: TSchema,
): EventDefinition<TType, TSchema> => ({ type, topic, schemaVersion, data });

/** The domain event type a definition describes. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? DomainEvent<T, z.infer<S>> : never;

/** The stored/travelling envelope a definition describes. */
export type EnvelopeOf<D> = D extends EventDefinition<infer T, infer S> ? EventEnvelope<T, z.infer<S>> : never;

export const envelopeSchema = z
  .object({
    eventId: z.uuid(),
    type: z.string().min(1),
    schemaVersion: z.number().int().positive(),
    streamId: z.string().min(1),
    streamVersion: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    data: z.unknown(),
    metadata: eventMetadataSchema,
  })
  .strict();
