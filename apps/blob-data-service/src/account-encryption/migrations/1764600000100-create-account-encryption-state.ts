import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data plane's copy of each account's encryption switch, and the account
 * stream version it reflects. A blob write reads it to decide whether to
 * encrypt (the consistency contract in docs/architecture.md).
 */
export class CreateAccountEncryptionState1764600000100 implements MigrationInterface {
  name = 'CreateAccountEncryptionState1764600000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE account_encryption_state (
        account_name text PRIMARY KEY,
        subscription_id text NOT NULL,
        enabled boolean NOT NULL,
        account_stream_version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE account_encryption_state`);
  }
}
