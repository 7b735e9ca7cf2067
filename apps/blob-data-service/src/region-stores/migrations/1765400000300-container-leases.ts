import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A container's lease (Lease Container), in its row as a blob's is (BlobLeases1765400000200): Delete Container needs it while it is active. */
export class ContainerLeases1765400000300 implements MigrationInterface {
  name = 'ContainerLeases1765400000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE containers
        ADD COLUMN lease_id uuid,
        ADD COLUMN lease_duration integer CHECK (lease_duration = -1 OR lease_duration BETWEEN 15 AND 60),
        ADD COLUMN lease_expires_at timestamptz,
        ADD COLUMN lease_broken_at timestamptz,
        ADD CONSTRAINT containers_lease_complete CHECK ((lease_id IS NULL) = (lease_duration IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers DROP COLUMN lease_id, DROP COLUMN lease_duration, DROP COLUMN lease_expires_at, DROP COLUMN lease_broken_at`);
  }
}
