import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account's resource group, so management-plane paths served here
 * (.../encryptionKeys/rewrap) can be checked whole. Rows older than this
 * column learn it from the account's next event (every one names it).
 */
export class AddResourceGroup1765110000100 implements MigrationInterface {
  name = 'AddResourceGroup1765110000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state ADD COLUMN resource_group text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE account_encryption_state DROP COLUMN resource_group`);
  }
}
