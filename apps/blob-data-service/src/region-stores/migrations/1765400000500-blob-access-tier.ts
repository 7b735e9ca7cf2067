import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A block blob's own access tier (Put Blob, Put Block List or Copy Blob with
 * x-ms-access-tier, Set Blob Tier) and when it was set; NULL: the blob has
 * the account's default tier ("inferred"), as every blob before had.
 */
export class BlobAccessTier1765400000500 implements MigrationInterface {
  name = 'BlobAccessTier1765400000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE blobs ADD COLUMN access_tier text, ADD COLUMN access_tier_changed_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE blobs DROP COLUMN access_tier, DROP COLUMN access_tier_changed_at`);
  }
}
