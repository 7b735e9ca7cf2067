import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only event streams and the transactional outbox.
 * `transaction_id` (xid8) lets readers wait for transactions still in flight
 * instead of skipping their rows (see docs/adr/0002-event-store-ordering.md).
 */
export class CreateEventStore1764400000000 implements MigrationInterface {
  name = 'CreateEventStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await runner.query(`
      CREATE TABLE outbox (
        position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        topic text NOT NULL,
        message_key text NOT NULL,
        message_id uuid NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await runner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE outbox`);
    await runner.query(`DROP TABLE events`);
  }
}
