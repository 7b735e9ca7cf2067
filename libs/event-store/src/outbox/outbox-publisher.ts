import type { DataSource, QueryRunner } from 'typeorm';
import type { PendingOutboxMessage } from './outbox-message';

/**
 * One relay per database at a time: a session advisory lock held on the
 * publisher's own connection, released when it lets go or fails, or when that
 * connection drops (a crashed process included).
 */
const RELAY_LOCK = 'atrest.outbox.relay';

/**
 * A relay's hold on a database's outbox. Holding the lock on a connection of
 * its own, rather than per transaction, makes an idle poll one statement and a
 * busy one two (read, then mark), with no transaction open while Kafka answers.
 */
export class OutboxPublisher {
  private holder?: QueryRunner;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Hands the next committed, unpublished outbox messages (in commit order) to
   * `publish`, and marks them published only if it succeeds. Rows of
   * transactions still in flight are not read yet: a row whose position is lower
   * than one already visible may still commit, and must not be overtaken.
   * Returns how many messages were published (0 if another relay holds the lock).
   * On any failure it lets go of the lock, so another relay may take over.
   */
  async publishNextBatch(limit: number, publish: (messages: readonly PendingOutboxMessage[]) => Promise<void>): Promise<number> {
    try {
      const holder = await this.lockHolder();
      if (!holder) return 0;
      const rows: Array<{ position: string; topic: string; message_key: string; message_id: string; payload: unknown }> =
        await holder.query(
          `SELECT position, topic, message_key, message_id, payload FROM outbox
            WHERE published_at IS NULL AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY position LIMIT $1`,
          [limit],
        );
      if (rows.length === 0) return 0;
      await publish(
        rows.map((r) => ({ position: r.position, topic: r.topic, key: r.message_key, messageId: r.message_id, payload: r.payload })),
      );
      await holder.query(`UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [rows.map((r) => r.position)]);
      return rows.length;
    } catch (error) {
      await this.release();
      throw error;
    }
  }

  /** Lets go of the lock and returns the connection to the pool. */
  async release(): Promise<void> {
    const holder = this.holder;
    this.holder = undefined;
    if (!holder) return;
    // A broken connection took the lock with it (and the pool drops it on release).
    await holder.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RELAY_LOCK]).catch(() => undefined);
    await holder.release();
  }

  /** The connection holding the lock, taking it first if free; undefined while another relay holds it. */
  private async lockHolder(): Promise<QueryRunner | undefined> {
    if (this.holder) return this.holder;
    const runner = this.dataSource.createQueryRunner();
    let locked = false;
    try {
      [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [RELAY_LOCK]);
    } finally {
      if (locked) this.holder = runner;
      else await runner.release();
    }
    return this.holder;
  }
}
