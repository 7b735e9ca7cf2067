import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Geo-replication (docs/adr/0007-geo-replication.md) compares an account's
 * stream versions between two region stores: `Blob-<account>/...` and
 * `Container-<account>/...` prefixes of blob_streams, which a text_pattern_ops
 * index serves for LIKE 'prefix%' whatever the database's collation.
 */
export class ReplicationSupport1764900000000 implements MigrationInterface {
  name = 'ReplicationSupport1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX blob_streams_by_prefix ON blob_streams (stream_id text_pattern_ops)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX blob_streams_by_prefix`);
  }
}
