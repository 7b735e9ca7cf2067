import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** In enqueueChange's conflict branch: the row had changes waiting. */
const WAS_PENDING = 'q.target_version > q.applied_version';

/** A stream of an account: a container's, or a blob's when `blob` is set. */
export interface StreamRef {
  readonly streamId: string;
  readonly account: string;
  readonly container: string;
  readonly blob?: string;
}

/** A stream claimed for copying, with where its account's data lives. */
export interface ClaimedStream extends StreamRef {
  readonly targetVersion: number;
  readonly appliedVersion: number;
  readonly pendingSince: Date | null;
  readonly attempts: number;
  readonly incarnation: number;
  readonly primaryRegion: string;
  readonly secondaryRegion: string;
}

/**
 * Records that `stream` reached `version` in the primary (a change event, or
 * a store comparison), committed no later than `committedBy`. A version the
 * secondary already holds changes nothing; otherwise the row becomes due at
 * once if it was idle.
 */
export const enqueueChange = (db: Db, stream: StreamRef, version: number, committedBy: Date): Promise<unknown> =>
  db.query(
    `INSERT INTO replication_queue AS q (stream_id, account_name, container_name, blob_name, target_version, pending_since)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (stream_id) DO UPDATE SET
       target_version = greatest(q.target_version, $5),
       pending_since = CASE WHEN ${WAS_PENDING} THEN least(q.pending_since, $6) ELSE $6 END,
       next_attempt_at = CASE WHEN ${WAS_PENDING} THEN q.next_attempt_at ELSE now() END,
       attempts = CASE WHEN ${WAS_PENDING} THEN q.attempts ELSE 0 END
     WHERE $5 > q.applied_version`,
    [stream.streamId, stream.account, stream.container, stream.blob ?? null, version, committedBy],
  );

/**
 * A container was (re)created in the secondary: the blobs the secondary had
 * in it are gone and their versions forgotten there (docs/adr/0007), so the
 * queue forgets what it knew they held; the next comparison sends whatever
 * of them the primary still has.
 */
export const forgetAppliedBlobs = (db: Db, account: string, container: string): Promise<unknown> =>
  db.query(`UPDATE replication_queue SET applied_version = 0 WHERE account_name = $1 AND container_name = $2 AND blob_name IS NOT NULL`, [account, container]);

interface ClaimRow {
  stream_id: string;
  account_name: string;
  container_name: string;
  blob_name: string | null;
  target_version: number;
  applied_version: number;
  pending_since: Date | null;
  attempts: number;
  incarnation: number;
  primary_region: string;
  secondary_region: string;
}

/**
 * Takes the due stream waiting longest, of an account that is geo-redundant
 * (and not counted for a failover already: its secondary is about to become
 * the primary), for `leaseMs`: other workers (of any instance) skip it until the lease
 * ends, so a worker that dies mid-copy leaves it to be taken again then.
 */
export const claimDueStream = async (db: DataSource, leaseMs: number): Promise<ClaimedStream | undefined> => {
  const [rows] = await db.query<[ClaimRow[], number]>(
    `UPDATE replication_queue q SET next_attempt_at = now() + make_interval(secs => $1::double precision / 1000)
       FROM (SELECT q2.stream_id, a.incarnation, a.primary_region, a.secondary_region
               FROM replication_queue q2 JOIN replicated_accounts a USING (account_name)
              WHERE q2.target_version > q2.applied_version AND q2.next_attempt_at <= now()
                AND NOT a.deleted AND a.secondary_region IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM replication_checkpoints c WHERE c.account_name = a.account_name AND c.prepared_failover_id = a.failover_operation_id)
              ORDER BY q2.pending_since NULLS FIRST LIMIT 1 FOR UPDATE OF q2 SKIP LOCKED) c
      WHERE q.stream_id = c.stream_id
      RETURNING q.stream_id, q.account_name, q.container_name, q.blob_name, q.target_version, q.applied_version, q.pending_since, q.attempts,
                c.incarnation, c.primary_region, c.secondary_region`,
    [leaseMs],
  );
  const r = rows[0];
  return (
    r && {
      streamId: r.stream_id,
      account: r.account_name,
      container: r.container_name,
      ...(r.blob_name !== null && { blob: r.blob_name }),
      targetVersion: r.target_version,
      appliedVersion: r.applied_version,
      pendingSince: r.pending_since,
      attempts: r.attempts,
      incarnation: r.incarnation,
      primaryRegion: r.primary_region,
      secondaryRegion: r.secondary_region,
    }
  );
};

/**
 * The secondary holds `version` of the stream. Done if that reaches the
 * target; if an event raised the target meanwhile, the row stays due with
 * its oldest pending time (later changes' times are not known to be older).
 */
export const markApplied = (db: Db, streamId: string, version: number): Promise<unknown> =>
  db.query(
    `UPDATE replication_queue SET applied_version = greatest(applied_version, $2), attempts = 0, last_error = NULL,
       pending_since = CASE WHEN greatest(applied_version, $2) >= target_version THEN NULL ELSE pending_since END,
       next_attempt_at = now()
     WHERE stream_id = $1`,
    [streamId, version],
  );

export const markFailed = (db: Db, streamId: string, retryInMs: number, error: string): Promise<unknown> =>
  db.query(
    `UPDATE replication_queue SET attempts = attempts + 1, last_error = left($3, 2000),
       next_attempt_at = now() + make_interval(secs => $2::double precision / 1000) WHERE stream_id = $1`,
    [streamId, retryInMs, error],
  );

/** Whether the secondary holds at least `version` of each stream, as far as the queue knows: the streams that do not. */
export const streamsShortOf = async (db: Db, requirements: ReadonlyMap<string, number>): Promise<string[]> => {
  if (requirements.size === 0) return [];
  const rows = await db.query<{ stream_id: string }[]>(
    `SELECT r.stream_id FROM unnest($1::text[], $2::int[]) AS r(stream_id, version)
       LEFT JOIN replication_queue q USING (stream_id) WHERE coalesce(q.applied_version, 0) < r.version`,
    [[...requirements.keys()], [...requirements.values()]],
  );
  return rows.map((r) => r.stream_id);
};

export interface AccountBacklog {
  readonly account: string;
  /** Streams with changes not yet in the secondary. */
  readonly pending: number;
  /** When the oldest of them was committed (at the latest). */
  readonly oldestPendingSince: Date | null;
}

/** The backlog of every account that has one. */
export const backlogs = async (db: Db): Promise<AccountBacklog[]> =>
  (
    await db.query<{ account_name: string; pending: number; oldest: Date | null }[]>(
      `SELECT account_name, count(*)::int AS pending, min(pending_since) AS oldest FROM replication_queue
        WHERE target_version > applied_version GROUP BY account_name ORDER BY account_name`,
    )
  ).map((r) => ({ account: r.account_name, pending: r.pending, oldestPendingSince: r.oldest }));

/** The streams of an account still waiting (names them, at most `limit`), and how many there are. */
export const pendingStreams = async (db: Db, account: string, limit: number): Promise<{ count: number; streamIds: string[] }> => {
  const rows = await db.query<{ stream_id: string; total: number }[]>(
    `SELECT stream_id, count(*) OVER ()::int AS total FROM replication_queue
      WHERE account_name = $1 AND target_version > applied_version ORDER BY pending_since NULLS FIRST, stream_id LIMIT $2`,
    [account, limit],
  );
  return { count: rows[0]?.total ?? 0, streamIds: rows.map((r) => r.stream_id) };
};
