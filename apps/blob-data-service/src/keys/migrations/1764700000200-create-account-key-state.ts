import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether each account's customer-managed key is revoked, as last heard on
 * atrest.keys (the key ring's stream version keeps replays from undoing a
 * newer state). Every request reads it with the account row, so revocation
 * takes effect on every instance as soon as the event is consumed.
 */
export class CreateAccountKeyState1764700000200 implements MigrationInterface {
  name = 'CreateAccountKeyState1764700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE account_key_state (
        account_name text PRIMARY KEY,
        revoked boolean NOT NULL,
        key_stream_version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE account_key_state`);
  }
}
