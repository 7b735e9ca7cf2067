import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replicator's view of accounts (from atrest.accounts): which are
 * geo-redundant, their incarnation and regions, a failover in progress, and
 * how far the data plane has applied the account's stream (its acknowledgements).
 */
export class CreateReplicatedAccounts1765000000000 implements MigrationInterface {
  name = 'CreateReplicatedAccounts1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE replicated_accounts (
        account_name text PRIMARY KEY,
        incarnation integer NOT NULL,
        sku text NOT NULL,
        primary_region text NOT NULL,
        secondary_region text,
        account_stream_version integer NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        failover_operation_id uuid,
        failover_requested_version integer,
        data_plane_version integer NOT NULL DEFAULT 0
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE replicated_accounts`);
  }
}
