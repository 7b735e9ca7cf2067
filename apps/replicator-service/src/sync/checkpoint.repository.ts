import type { DataSource, EntityManager } from 'typeorm';
import type { Reported } from './domain/geo-replication-view';

/** An account's replication checkpoint (replication_checkpoints). */
export interface Checkpoint {
  readonly account: string;
  readonly incarnation: number;
  readonly lastSyncTime: Date | null;
  readonly reported: Reported;
  readonly preparedFailoverId: string | null;
}

interface Row {
  account_name: string;
  incarnation: number;
  last_sync_time: Date | null;
  reported_status: string | null;
  reported_last_sync_time: Date | null;
  reported_at: Date | null;
  prepared_failover_id: string | null;
}

/**
 * The account's checkpoint for this incarnation, created if missing. A new
 * incarnation of the name (deleted and created again) starts over: the old
 * one's last sync time says nothing about the new account's data.
 */
export const loadCheckpoint = async (db: DataSource, account: string, incarnation: number): Promise<Checkpoint> => {
  const [row] = await db.query<Row[]>(
    `INSERT INTO replication_checkpoints (account_name, incarnation) VALUES ($1, $2)
     ON CONFLICT (account_name) DO UPDATE SET incarnation = EXCLUDED.incarnation,
       last_sync_time = CASE WHEN replication_checkpoints.incarnation = EXCLUDED.incarnation THEN replication_checkpoints.last_sync_time END,
       prepared_failover_id = CASE WHEN replication_checkpoints.incarnation = EXCLUDED.incarnation THEN replication_checkpoints.prepared_failover_id END
     RETURNING *`,
    [account, incarnation],
  );
  return {
    account,
    incarnation,
    lastSyncTime: row.last_sync_time,
    reported: { status: row.reported_status, lastSyncTime: row.reported_last_sync_time, at: row.reported_at },
    preparedFailoverId: row.prepared_failover_id,
  };
};

/** Moves the last sync time forward (never back); the value it holds now. */
export const advanceLastSyncTime = async (db: DataSource, account: string, incarnation: number, to: Date): Promise<Date> => {
  const [[row]] = await db.query<[{ last_sync_time: Date }[], number]>(
    `UPDATE replication_checkpoints SET last_sync_time = greatest(last_sync_time, $3)
      WHERE account_name = $1 AND incarnation = $2 RETURNING last_sync_time`,
    [account, incarnation, to],
  );
  return row?.last_sync_time ?? to;
};

/** Takes the next version of the account's GeoReplication stream and records what is being reported, in the caller's transaction. */
export const recordReport = async (
  manager: EntityManager,
  account: string,
  report: { status: string; lastSyncTime: Date | null; at: Date; preparedFailoverId?: string },
): Promise<number> => {
  const [[row]] = await manager.query<[{ progress_version: number }[], number]>(
    `UPDATE replication_checkpoints SET progress_version = progress_version + 1, reported_status = $2, reported_last_sync_time = $3, reported_at = $4,
       prepared_failover_id = coalesce($5, prepared_failover_id)
      WHERE account_name = $1 RETURNING progress_version`,
    [account, report.status, report.lastSyncTime, report.at, report.preparedFailoverId ?? null],
  );
  return row.progress_version;
};
