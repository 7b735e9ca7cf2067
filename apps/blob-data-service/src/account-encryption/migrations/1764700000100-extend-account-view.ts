import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * account_encryption_state becomes the data plane's whole view of an account:
 * where its data lives (region), what it may hold (sku, kind), its key
 * source, which incarnation of the name it is (the stream version of its
 * StorageAccountCreated: names are global and can be taken again), and a
 * tombstone once deleted, so a replayed older event cannot bring it back.
 */
export class ExtendAccountView1764700000100 implements MigrationInterface {
  name = 'ExtendAccountView1764700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE account_encryption_state
        ADD COLUMN region text,
        ADD COLUMN sku text,
        ADD COLUMN kind text,
        ADD COLUMN key_source text,
        ADD COLUMN incarnation integer,
        ADD COLUMN deleted boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE account_encryption_state
        DROP COLUMN region, DROP COLUMN sku, DROP COLUMN kind, DROP COLUMN key_source, DROP COLUMN incarnation, DROP COLUMN deleted`);
  }
}
