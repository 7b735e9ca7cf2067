import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blob properties of issue 5's second part: a page blob's sequence number,
 * Copy Blob's x-ms-copy-* properties on the destination, and an index to
 * tell whether a page write left an extent unreferenced (several ranges of a
 * blob may share one extent after a write splits a range).
 */
export class PageAndCopyProperties1764800000000 implements MigrationInterface {
  name = 'PageAndCopyProperties1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE blobs
        ADD COLUMN sequence_number bigint NOT NULL DEFAULT 0 CHECK (sequence_number >= 0),
        ADD COLUMN copy_id uuid,
        ADD COLUMN copy_source text,
        ADD COLUMN copy_status text CHECK (copy_status IN ('success')),
        ADD COLUMN copy_progress text,
        ADD COLUMN copy_completed_at timestamptz`);
    await runner.query(`CREATE INDEX page_ranges_by_extent ON page_ranges (extent_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX page_ranges_by_extent`);
    await runner.query(`ALTER TABLE blobs DROP COLUMN sequence_number, DROP COLUMN copy_id, DROP COLUMN copy_source, DROP COLUMN copy_status, DROP COLUMN copy_progress, DROP COLUMN copy_completed_at`);
  }
}
