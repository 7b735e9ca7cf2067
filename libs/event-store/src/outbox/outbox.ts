import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './outbox-message';

/**
 * Writes outbox rows inside the caller's transaction, so a message exists
 * exactly when the state change that caused it was committed.
 */
export const enqueueOutboxMessages = async (manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> => {
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((m, i) => {
    values.push(m.topic, m.key, m.messageId, JSON.stringify(m.payload));
    const p = i * 4;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb)`;
  });
  await manager.query(`INSERT INTO outbox (topic, message_key, message_id, payload) VALUES ${rows.join(', ')}`, values);
};
