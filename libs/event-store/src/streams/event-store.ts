import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent, EventEnvelope, EventMetadata } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '../outbox/event-envelopes';
import { ConcurrencyConflict, type ExpectedVersion } from './concurrency-conflict';

export interface AppendOptions {
  /** When the events happened: an input, so the domain stays deterministic. */
  readonly now: Date;
  readonly metadata?: EventMetadata;
  /** Join the caller's transaction (e.g. a projection update) instead of opening one. */
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
 * Append-only streams in Postgres. Every append also writes one outbox row
 * per event in the same transaction, so what is stored is what gets published.
 */
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    // Validate before touching the database: a bad event is rejected whole.
    envelopeEvents(streamId, 1, events, options.now);
    const run = (manager: EntityManager) => this.appendIn(manager, streamId, expectedVersion, events, options);
    try {
      return options.manager ? await run(options.manager) : await this.dataSource.transaction(run);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && /events_stream_version_unique/.test(String(error)))
        throw new ConcurrencyConflict(streamId, typeof expectedVersion === 'number' ? expectedVersion : -1, undefined);
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

  private async appendIn(
    manager: EntityManager,
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    { now, metadata = {} }: AppendOptions,
  ): Promise<AppendResult> {
    const [{ version }] = await manager.query(
      `SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`,
      [streamId],
    );
    if (expectedVersion !== 'any' && version !== expectedVersion)
      throw new ConcurrencyConflict(streamId, expectedVersion, version);

    const envelopes = envelopeEvents(streamId, version + 1, events, now, metadata);
    for (const e of envelopes) {
      await manager.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
        [e.streamId, e.streamVersion, e.eventId, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.occurredAt],
      );
    }
    await enqueueEvents(manager, envelopes);
    return { nextExpectedVersion: version + envelopes.length, events: envelopes };
  }
}
