import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One re-wrap job per account (key-rewrap/domain/rewrap-job.ts): its state,
 * progress counts and retry schedule, and the lease of the worker running it
 * (claimed_by until claimed_until), so one instance at a time walks an
 * account's keys and a crashed one's job is taken up once the lease ends.
 */
export class CreateKeyRewrapJobs1765110000200 implements MigrationInterface {
  name = 'CreateKeyRewrapJobs1765110000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE key_rewrap_jobs (
        account_name text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('NotStarted', 'Running', 'Blocked', 'Succeeded')),
        target_kek_version integer,
        first_kek_version integer NOT NULL,
        total integer NOT NULL,
        rewrapped integer NOT NULL,
        start_time timestamptz,
        end_time timestamptz,
        error_code text,
        error_message text,
        attempts integer NOT NULL,
        next_attempt_at timestamptz,
        settles_at timestamptz,
        claimed_by text,
        claimed_until timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX key_rewrap_jobs_due ON key_rewrap_jobs (next_attempt_at) WHERE status IN ('Running', 'Blocked')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE key_rewrap_jobs`);
  }
}
