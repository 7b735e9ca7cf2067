import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './outbox-message';

/**
 * An INSERT of outbox rows (positions in message order) whose parameters
 * start at `$first`: one statement for any number of messages, run on its own
 * or as a CTE of a larger statement; `onlyIf` is an SQL condition for writing them at all.
 */
export const outboxInsert = (
  messages: readonly OutboxMessage[],
  first = 1,
  onlyIf = 'true',
): { readonly sql: string; readonly parameters: unknown[] } => ({
  sql: `INSERT INTO outbox (topic, message_key, message_id, payload)
        SELECT topic, message_key, message_id, payload
          FROM unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::uuid[], $${first + 3}::jsonb[])
               WITH ORDINALITY AS m(topic, message_key, message_id, payload, n)
         WHERE ${onlyIf}
         ORDER BY n`,
  parameters: [
    messages.map((m) => m.topic),
    messages.map((m) => m.key),
    messages.map((m) => m.messageId),
    messages.map((m) => JSON.stringify(m.payload)),
  ],
});

/**
 * Writes outbox rows inside the caller's transaction, so a message exists
 * exactly when the state change that caused it was committed.
 */
export const enqueueOutboxMessages = async (manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> => {
  if (messages.length === 0) return;
  const { sql, parameters } = outboxInsert(messages);
  await manager.query(sql, parameters);
};
