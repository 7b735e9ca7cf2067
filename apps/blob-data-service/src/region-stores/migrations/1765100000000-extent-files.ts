import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extent bytes move out of Postgres (docs/adr/0006, "Extent files"): a row
 * whose `packages` is NULL has its stored bytes in the store's extent file;
 * small extents (and every extent written before this change) keep them
 * inline, so old data reads as it did.
 */
export class ExtentFiles1765100000000 implements MigrationInterface {
  name = 'ExtentFiles1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE extents ALTER COLUMN packages DROP NOT NULL`);
    await runner.query(`COMMENT ON COLUMN extents.packages IS 'stored bytes of a small extent; NULL: in the extent file <EXTENT_DATA_DIR>/<database>/<id prefix>/<id>'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Rows whose bytes are in files cannot go back without the files' contents.
    await runner.query(`ALTER TABLE extents ALTER COLUMN packages SET NOT NULL`);
  }
}
