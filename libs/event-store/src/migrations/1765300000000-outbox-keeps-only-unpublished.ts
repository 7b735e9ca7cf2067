import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox keeps only what is still to be published: the relay deletes
 * rows once Kafka has them, and finds new ones by transaction id, from the
 * horizon of its last complete pass (OutboxPublisher). Marking rows
 * published left the table growing for ever, and every poll walked the
 * partial index's dead entries of all rows marked since the last vacuum:
 * 3 ms a poll after a few thousand writes (docs/adr/0003-outbox-relay.md).
 */
export class OutboxKeepsOnlyUnpublished1765300000000 implements MigrationInterface {
  name = 'OutboxKeepsOnlyUnpublished1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM outbox WHERE published_at IS NOT NULL`);
    await runner.query(`DROP INDEX outbox_unpublished`);
    await runner.query(`ALTER TABLE outbox DROP COLUMN published_at`);
    await runner.query(`CREATE INDEX outbox_by_transaction ON outbox (transaction_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX outbox_by_transaction`);
    await runner.query(`ALTER TABLE outbox ADD COLUMN published_at timestamptz`);
    await runner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
  }
}
