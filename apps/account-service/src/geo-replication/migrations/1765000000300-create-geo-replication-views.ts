import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - geo_replication_stats: the replicator's latest report per account
 *   (GeoReplicationProgressed on atrest.replication), for $expand=geoReplicationStats.
 * - geo_failover_operations: each failover as a long-running operation,
 *   written with its events; Succeeded once the data plane acknowledged the
 *   completion (completed_version in data_plane_acks).
 */
export class CreateGeoReplicationViews1765000000300 implements MigrationInterface {
  name = 'CreateGeoReplicationViews1765000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE geo_replication_stats (
        account_name text PRIMARY KEY,
        incarnation integer NOT NULL,
        status text NOT NULL,
        last_sync_time timestamptz,
        can_failover boolean NOT NULL,
        stream_version integer NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE geo_failover_operations (
        operation_id uuid PRIMARY KEY,
        account_name text NOT NULL,
        subscription_key text NOT NULL,
        resource_group_key text NOT NULL,
        from_location text NOT NULL,
        to_location text NOT NULL,
        requested_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_version integer,
        unreplicated_changes integer,
        last_sync_time timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE geo_failover_operations`);
    await runner.query(`DROP TABLE geo_replication_stats`);
  }
}
