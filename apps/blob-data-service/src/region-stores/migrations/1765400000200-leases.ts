import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leases (Lease Blob, Lease Container), each in its blob's or container's
 * row: the lease id, its duration in seconds (-1: infinite), when it runs
 * out (NULL: never) and when a break ends (NULL: not broken). Its state is
 * read off these at each request, so nothing has to run when a lease
 * expires. Put Blob over a leased blob keeps them (the upsert does not set
 * them); deleting the blob or container ends the lease.
 */
export class Leases1765400000200 implements MigrationInterface {
  name = 'Leases1765400000200';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['blobs', 'containers'])
      await runner.query(`
        ALTER TABLE ${table}
          ADD COLUMN lease_id uuid,
          ADD COLUMN lease_duration integer CHECK (lease_duration = -1 OR lease_duration BETWEEN 15 AND 60),
          ADD COLUMN lease_expires_at timestamptz,
          ADD COLUMN lease_broken_at timestamptz,
          ADD CONSTRAINT ${table}_lease_complete CHECK ((lease_id IS NULL) = (lease_duration IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['blobs', 'containers'])
      await runner.query(`ALTER TABLE ${table} DROP COLUMN lease_id, DROP COLUMN lease_duration, DROP COLUMN lease_expires_at, DROP COLUMN lease_broken_at`);
  }
}
