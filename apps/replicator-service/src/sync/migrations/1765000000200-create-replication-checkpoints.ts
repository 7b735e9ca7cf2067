import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per account: the last sync time reached (only ever forward), the status
 * and values last reported on atrest.replication, the version of its
 * GeoReplication-<account> stream, and the failover it prepared.
 */
export class CreateReplicationCheckpoints1765000000200 implements MigrationInterface {
  name = 'CreateReplicationCheckpoints1765000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE replication_checkpoints (
        account_name text PRIMARY KEY,
        incarnation integer NOT NULL,
        last_sync_time timestamptz,
        reported_status text,
        reported_last_sync_time timestamptz,
        reported_at timestamptz,
        progress_version integer NOT NULL DEFAULT 0,
        prepared_failover_id uuid
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE replication_checkpoints`);
  }
}
