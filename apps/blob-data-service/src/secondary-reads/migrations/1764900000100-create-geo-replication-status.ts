import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replicator's latest report per account (GeoReplicationProgressed on
 * atrest.replication), for Get Blob Service Stats on the secondary endpoint.
 */
export class CreateGeoReplicationStatus1764900000100 implements MigrationInterface {
  name = 'CreateGeoReplicationStatus1764900000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE geo_replication_status (
        account_name text PRIMARY KEY,
        incarnation integer NOT NULL,
        status text NOT NULL,
        last_sync_time timestamptz,
        stream_version integer NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE geo_replication_status`);
  }
}
