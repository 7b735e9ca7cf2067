/** A message waiting to be relayed to Kafka; `topic` is the logical topic, without deployment prefix. */
export interface OutboxMessage {
  readonly topic: string;
  readonly key: string;
  readonly messageId: string;
  readonly payload: unknown;
}

export interface PendingOutboxMessage extends OutboxMessage {
  readonly position: string;
}
