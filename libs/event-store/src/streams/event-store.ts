import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent, EventEnvelope, EventMetadata } from '@atrest/contracts';
import { envelopeEvents, outboxMessagesOf } from '../outbox/event-envelopes';
import { outboxInsert } from '../outbox/outbox';
import { ConcurrencyConflict, type ExpectedVersion } from './concurrency-conflict';

export interface AppendOptions {
  /** When the events happened: an input, so the domain stays deterministic. */
  readonly now: Date;
  readonly metadata?: EventMetadata;
  /** Join the caller's transaction (e.g. a projection update); alone, an append is one atomic statement. */
  readonly manager?: EntityManager;
}

export interface AppendResult {
  readonly nextExpectedVersion: number;
  readonly events: readonly EventEnvelope[];
}

export interface AggregateStreamOptions<TState> {
  readonly initialState: () => TState;
  readonly evolve: (state: TState, event: EventEnvelope) => TState;
}

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date;
}

const UNIQUE_VIOLATION = '23505';

const toEnvelope = (row: EventRow): EventEnvelope => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  occurredAt: row.occurred_at.toISOString(),
  data: row.data,
  metadata: row.metadata,
});

/**
 * One statement, atomic on its own or in the caller's transaction: writes the
 * events and their outbox rows only if the stream is still at `version`, and
 * returns the version it found. A concurrent append of the same versions makes
 * it wait for that one and then fail on events_stream_version_unique.
 */
const appendAt = async (manager: EntityManager, streamId: string, version: number, envelopes: readonly EventEnvelope[]): Promise<number> => {
  const outbox = outboxInsert(outboxMessagesOf(envelopes), 10, 'EXISTS (SELECT FROM appended)');
  const [{ found }] = await manager.query(
    `WITH stream AS (
       SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1::text
     ), appended AS (
       INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
       SELECT $1::text, stream_version, event_id, type, schema_version, data, metadata, occurred_at
         FROM unnest($3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[])
              WITH ORDINALITY AS e(stream_version, event_id, type, schema_version, data, metadata, occurred_at, n)
        WHERE (SELECT version FROM stream) = $2::int
        ORDER BY n
       RETURNING 1
     ), queued AS (${outbox.sql})
     SELECT version AS found FROM stream`,
    [
      streamId,
      version,
      envelopes.map((e) => e.streamVersion),
      envelopes.map((e) => e.eventId),
      envelopes.map((e) => e.type),
      envelopes.map((e) => e.schemaVersion),
      envelopes.map((e) => JSON.stringify(e.data)),
      envelopes.map((e) => JSON.stringify(e.metadata)),
      envelopes.map((e) => e.occurredAt),
      ...outbox.parameters,
    ],
  );
  return found;
};

/**
 * Append-only streams in Postgres. Every append also writes one outbox row
 * per event in the same statement, so what is stored is what gets published.
 */
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    { now, metadata = {}, manager = this.dataSource.manager }: AppendOptions,
  ): Promise<AppendResult> {
    const conflict = (actual?: number) => new ConcurrencyConflict(streamId, expectedVersion === 'any' ? -1 : expectedVersion, actual);
    try {
      const version = expectedVersion === 'any' ? await this.streamVersion(manager, streamId) : expectedVersion;
      const envelopes = envelopeEvents(streamId, version + 1, events, now, metadata);
      const found = await appendAt(manager, streamId, version, envelopes);
      if (found !== version) throw conflict(found);
      return { nextExpectedVersion: version + envelopes.length, events: envelopes };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && /events_stream_version_unique/.test(String(error))) throw conflict();
      throw error;
    }
  }

  /** Runs work in one transaction on the store's database (appends can join it via `manager`). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async readStream(streamId: string, manager: EntityManager = this.dataSource.manager): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT * FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toEnvelope);
  }

  /** Loads an aggregate by folding its stream; version 0 means the stream does not exist. */
  async aggregateStream<TState>(
    streamId: string,
    { initialState, evolve }: AggregateStreamOptions<TState>,
    manager?: EntityManager,
  ): Promise<{ state: TState; version: number }> {
    const events = await this.readStream(streamId, manager);
    return { state: events.reduce(evolve, initialState()), version: events.at(-1)?.streamVersion ?? 0 };
  }

  /**
   * Reads all streams in global order after a position. Only events of
   * transactions older than every one still running are returned, so a
   * reader that keeps its last position never skips a late commit.
   */
  async readAll(after: string | number, limit = 500): Promise<Array<EventEnvelope & { globalPosition: string }>> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM events
        WHERE global_position > $1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY global_position LIMIT $2`,
      [String(after), limit],
    );
    return rows.map((r) => ({ ...toEnvelope(r), globalPosition: r.global_position }));
  }

  private async streamVersion(manager: EntityManager, streamId: string): Promise<number> {
    const [{ version }] = await manager.query(
      `SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return version;
  }
}
