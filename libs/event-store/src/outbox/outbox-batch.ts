import type { DataSource } from 'typeorm';
import type { PendingOutboxMessage } from './outbox-message';

/** One relay per database at a time: a transaction-scoped advisory lock, released on commit or crash. */
const RELAY_LOCK = 'atrest.outbox.relay';

/**
 * Hands the next committed, unpublished outbox messages (in commit order) to
 * `publish`, and marks them published only if it succeeds. Rows of
 * transactions still in flight are not read yet: a row whose position is lower
 * than one already visible may still commit, and must not be overtaken.
 * Returns how many messages were published (0 if another relay holds the lock).
 */
export const publishNextOutboxBatch = async (
  dataSource: DataSource,
  limit: number,
  publish: (messages: readonly PendingOutboxMessage[]) => Promise<void>,
): Promise<number> =>
  dataSource.transaction(async (manager) => {
    const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [RELAY_LOCK]);
    if (!locked) return 0;
    const rows: Array<{ position: string; topic: string; message_key: string; message_id: string; payload: unknown }> =
      await manager.query(
        `SELECT position, topic, message_key, message_id, payload FROM outbox
          WHERE published_at IS NULL AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY position LIMIT $1`,
        [limit],
      );
    if (rows.length === 0) return 0;
    await publish(
      rows.map((r) => ({ position: r.position, topic: r.topic, key: r.message_key, messageId: r.message_id, payload: r.payload })),
    );
    await manager.query(`UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [
      rows.map((r) => r.position),
    ]);
    return rows.length;
  });
