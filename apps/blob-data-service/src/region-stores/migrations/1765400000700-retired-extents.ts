import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a change stopped referencing an extent (an overwrite, a delete, a
 * truncation, pages overwritten): the extent stays, row and file, so a read
 * that began on the blob's earlier version still delivers it whole, and the
 * reclaim sweep removes it once the grace period has passed (docs/adr/0006,
 * "Reads while a blob changes"). Existing extents are all referenced.
 */
export class RetiredExtents1765400000700 implements MigrationInterface {
  name = 'RetiredExtents1765400000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE extents ADD COLUMN retired_at timestamptz`);
    await runner.query(`CREATE INDEX extents_retired ON extents (retired_at) WHERE retired_at IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX extents_retired`);
    await runner.query(`ALTER TABLE extents DROP COLUMN retired_at`);
  }
}
