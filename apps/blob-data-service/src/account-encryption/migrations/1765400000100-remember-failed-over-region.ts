import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region an account failed over from (GeoFailoverCompleted): its old
 * primary store still holds the account's rows, which nothing serves any
 * more, until RetiredAccountDataPurge removes them; the service opens that
 * store at start so the purge finds them after a restart too.
 */
export class RememberFailedOverRegion1765400000100 implements MigrationInterface {
  name = 'RememberFailedOverRegion1765400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state ADD COLUMN failed_over_from text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state DROP COLUMN failed_over_from`);
  }
}
