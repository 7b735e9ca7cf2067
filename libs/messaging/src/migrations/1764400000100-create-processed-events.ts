import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which events each consumer group has applied; written in the handler's own transaction. */
export class CreateProcessedEvents1764400000100 implements MigrationInterface {
  name = 'CreateProcessedEvents1764400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE processed_events (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processed_events`);
  }
}
