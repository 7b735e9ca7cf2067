import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { evolve, initialRewrapJob, type RewrapFact, type RewrapJob, type RewrapStatus } from '../domain/rewrap-job';

interface JobRow {
  account_name: string;
  status: RewrapStatus;
  target_kek_version: number | null;
  first_kek_version: number;
  total: number;
  rewrapped: number;
  start_time: Date | null;
  end_time: Date | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  settles_at: Date | null;
}

const COLUMNS = `account_name, status, target_kek_version, first_kek_version, total, rewrapped, start_time, end_time,
  error_code, error_message, attempts, next_attempt_at, settles_at`;

const jobOf = (row: JobRow): RewrapJob => ({
  account: row.account_name,
  status: row.status,
  ...(row.target_kek_version !== null ? { targetKekVersion: row.target_kek_version } : {}),
  firstKekVersion: row.first_kek_version,
  total: row.total,
  rewrapped: row.rewrapped,
  ...(row.start_time ? { startTime: row.start_time } : {}),
  ...(row.end_time ? { endTime: row.end_time } : {}),
  ...(row.error_code !== null ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
  attempts: row.attempts,
  ...(row.next_attempt_at ? { nextAttemptAt: row.next_attempt_at } : {}),
  ...(row.settles_at ? { settlesAt: row.settles_at } : {}),
});

const valuesOf = (job: RewrapJob): unknown[] => [
  job.account,
  job.status,
  job.targetKekVersion ?? null,
  job.firstKekVersion,
  job.total,
  job.rewrapped,
  job.startTime ?? null,
  job.endTime ?? null,
  job.error?.code ?? null,
  job.error?.message ?? null,
  job.attempts,
  job.nextAttemptAt ?? null,
  job.settlesAt ?? null,
];

/** What a change does when the account has no job row yet: start from NotStarted, or leave it absent (the worker: the account went). */
export type MissingJob = 'create' | 'skip';

/**
 * key_rewrap_jobs in the main database: each change loads the row under a
 * lock, applies the pure transition and saves it in one transaction, so the
 * subscriber, the management plane and the worker never lose each other's
 * updates. The worker's lease columns are changed only here, apart from the state.
 */
@Injectable()
export class RewrapJobs {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async find(account: string): Promise<RewrapJob | undefined> {
    const [row] = await this.db.query<JobRow[]>(`SELECT ${COLUMNS} FROM key_rewrap_jobs WHERE account_name = $1`, [account]);
    return row && jobOf(row);
  }

  /** Applies `fact` (in `manager`'s transaction if given, e.g. a consumer's); the job after it, or undefined when skipped. */
  change(account: string, fact: RewrapFact, missing: MissingJob, manager?: EntityManager): Promise<RewrapJob | undefined> {
    const work = async (tx: EntityManager): Promise<RewrapJob | undefined> => {
      // A row to lock first, so two first changes of an account queue up instead of overwriting each other.
      if (missing === 'create') await this.save(tx, initialRewrapJob(account), 'if absent');
      const [row] = await tx.query<JobRow[]>(`SELECT ${COLUMNS} FROM key_rewrap_jobs WHERE account_name = $1 FOR UPDATE`, [account]);
      if (!row) return undefined;
      const before = jobOf(row);
      const after = evolve(before, fact);
      if (after !== before) await this.save(tx, after);
      return after;
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  /** The account is gone (its ring deleted): its job ends with it. */
  async remove(account: string, manager: EntityManager | DataSource = this.db): Promise<void> {
    await manager.query(`DELETE FROM key_rewrap_jobs WHERE account_name = $1`, [account]);
  }

  /** Takes the most overdue job nobody holds a lease on, for `leaseMs`; its account, or undefined. */
  async claimDue(owner: string, now: Date, leaseMs: number): Promise<string | undefined> {
    const [rows] = await this.db.query<[Array<{ account_name: string }>, number]>(
      `UPDATE key_rewrap_jobs SET claimed_by = $1, claimed_until = $3
        WHERE account_name = (
          SELECT account_name FROM key_rewrap_jobs
           WHERE status IN ('Running', 'Blocked') AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until < $2)
           ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING account_name`,
      [owner, now, new Date(now.getTime() + leaseMs)],
    );
    return rows[0]?.account_name;
  }

  /** Extends the lease while the worker is still on the job; false if it is no longer this worker's. */
  async renew(account: string, owner: string, until: Date): Promise<boolean> {
    const [rows] = await this.db.query<[unknown[], number]>(
      `UPDATE key_rewrap_jobs SET claimed_until = $3 WHERE account_name = $1 AND claimed_by = $2 RETURNING account_name`,
      [account, owner, until],
    );
    return rows.length > 0;
  }

  async release(account: string, owner: string): Promise<void> {
    await this.db.query(`UPDATE key_rewrap_jobs SET claimed_by = NULL, claimed_until = NULL WHERE account_name = $1 AND claimed_by = $2`, [account, owner]);
  }

  private async save(tx: EntityManager, job: RewrapJob, mode: 'upsert' | 'if absent' = 'upsert'): Promise<void> {
    const insert = `INSERT INTO key_rewrap_jobs (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`;
    if (mode === 'if absent') {
      await tx.query(`${insert} ON CONFLICT (account_name) DO NOTHING`, valuesOf(job));
      return;
    }
    await tx.query(
      `${insert}
       ON CONFLICT (account_name) DO UPDATE SET status = EXCLUDED.status, target_kek_version = EXCLUDED.target_kek_version,
         first_kek_version = EXCLUDED.first_kek_version, total = EXCLUDED.total, rewrapped = EXCLUDED.rewrapped,
         start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time, error_code = EXCLUDED.error_code,
         error_message = EXCLUDED.error_message, attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
         settles_at = EXCLUDED.settles_at, updated_at = now()`,
      valuesOf(job),
    );
  }
}
