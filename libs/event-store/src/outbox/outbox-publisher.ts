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
 * busy one two (read, then delete), with no transaction open while Kafka answers.
 */
export class OutboxPublisher {
  private holder?: QueryRunner;
  /**
   * Every row of a transaction older than this (an xid8) has been published:
   * the horizon of the last pass that found less than a batch. Rows of later
   * transactions have higher ids, so a pass reads from here on, never over
   * what earlier passes deleted (their index entries linger until a vacuum).
   */
  private publishedBelow = '0';
  /**
   * The last pass left committed rows unread because an older transaction,
   * in any database of the cluster (the snapshot's xmin is cluster-wide),
   * was still in flight: they are ready as soon as it ends, so the caller
   * should look again soon rather than after its idle wait.
   */
  heldBack = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Hands the next committed, unpublished outbox messages (in commit order) to
   * `publish`, and deletes them only if it succeeds. Rows of transactions
   * still in flight are not read yet: a row whose position is lower than one
   * already visible may still commit, and must not be overtaken.
   * Returns how many messages were published (0 if another relay holds the lock).
   * On any failure it lets go of the lock, so another relay may take over.
   */
  async publishNextBatch(limit: number, publish: (messages: readonly PendingOutboxMessage[]) => Promise<void>): Promise<number> {
    try {
      const holder = await this.lockHolder();
      if (!holder) return 0;
      // One row even when nothing is pending: it carries the horizon.
      const rows: Array<{ horizon: string; held_back: boolean; position: string | null; topic: string; message_key: string; message_id: string; payload: unknown }> =
        await holder.query(
          `SELECT h.horizon, EXISTS (SELECT 1 FROM outbox WHERE transaction_id >= h.horizon) AS held_back,
                  o.position, o.topic, o.message_key, o.message_id, o.payload
             FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) h
             LEFT JOIN LATERAL (
               SELECT position, topic, message_key, message_id, payload FROM outbox
                WHERE transaction_id >= $1::xid8 AND transaction_id < h.horizon
                ORDER BY position LIMIT $2) o ON true
            ORDER BY o.position`,
          [this.publishedBelow, limit],
        );
      const pending = rows.filter((r) => r.position !== null);
      if (pending.length > 0) {
        await publish(pending.map((r) => ({ position: r.position!, topic: r.topic, key: r.message_key, messageId: r.message_id, payload: r.payload })));
        await holder.query(`DELETE FROM outbox WHERE position = ANY($1::bigint[])`, [pending.map((r) => r.position)]);
      }
      if (pending.length < limit) this.publishedBelow = rows[0].horizon;
      this.heldBack = rows[0].held_back;
      return pending.length;
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
