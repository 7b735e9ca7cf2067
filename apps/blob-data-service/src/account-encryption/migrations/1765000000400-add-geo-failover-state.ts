import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failover of the account to its secondary region is in progress
 * (GeoFailoverRequested applied, GeoFailoverCompleted not yet): writes are
 * refused, so what the secondary lacks can be counted (docs/adr/0007).
 */
export class AddGeoFailoverState1765000000400 implements MigrationInterface {
  name = 'AddGeoFailoverState1765000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state ADD COLUMN geo_failover_pending boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state DROP COLUMN geo_failover_pending`);
  }
}
