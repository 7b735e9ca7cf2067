import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account's default access tier (Hot or Cool; none for accounts without
 * tiers: Storage v1 and Premium): a blob with no tier of its own is read as
 * having it ("inferred"), so changing the account's moves them all. Rows
 * from before are filled in by the account's next event; until then their
 * blobs read as Hot, the default of every tiered account made so far.
 */
export class AddAccountAccessTier1765400000400 implements MigrationInterface {
  name = 'AddAccountAccessTier1765400000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state ADD COLUMN access_tier text`);
    await runner.query(`UPDATE account_encryption_state SET access_tier = 'Hot' WHERE kind <> 'Storage' AND sku NOT LIKE 'Premium%'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state DROP COLUMN access_tier`);
  }
}
