import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per blob or container stream with changes to copy
 * (docs/adr/0007): the highest version heard of, the version the secondary
 * holds, since when a change is waiting, and when to try next.
 */
export class CreateReplicationQueue1765000000100 implements MigrationInterface {
  name = 'CreateReplicationQueue1765000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE replication_queue (
        stream_id text PRIMARY KEY,
        account_name text NOT NULL,
        container_name text NOT NULL,
        blob_name text,
        target_version integer NOT NULL,
        applied_version integer NOT NULL DEFAULT 0,
        pending_since timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    await runner.query(`CREATE INDEX replication_queue_due ON replication_queue (next_attempt_at) WHERE target_version > applied_version`);
    await runner.query(`CREATE INDEX replication_queue_by_account ON replication_queue (account_name) WHERE target_version > applied_version`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE replication_queue`);
  }
}
