import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventEnvelope, EventMetadata } from '@atrest/contracts';
import { ConcurrencyConflict } from '../streams/concurrency-conflict';
import type { EventStore } from '../streams/event-store';

export interface CommandHandling<TState> {
  readonly streamId: string;
  readonly initialState: () => TState;
  readonly evolve: (state: TState, event: EventEnvelope) => TState;
  /** Pure: given the current state, the events the command produces (or a thrown domain error). */
  readonly decide: (state: TState) => readonly DomainEvent[];
  readonly now: Date;
  readonly metadata?: EventMetadata;
  readonly maxAttempts?: number;
  /**
   * Updates read models in the append's own transaction (e.g. the row a GET
   * reads, or a unique-name reservation): they commit with the events or not at all.
   */
  readonly project?: (events: readonly EventEnvelope[], state: TState, manager: EntityManager) => Promise<void>;
}

/**
 * Load, decide, append with the version that was read; on a concurrent
 * append, reload and decide again, so no update is ever lost.
 */
export const handleCommand = async <TState>(
  store: EventStore,
  command: CommandHandling<TState>,
): Promise<{ state: TState; version: number; events: readonly EventEnvelope[] }> => {
  const attempts = command.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await store.aggregateStream(command.streamId, command);
    const events = command.decide(state);
    if (events.length === 0) return { state, version, events: [] };
    try {
      return await store.transaction(async (manager) => {
        const result = await store.append(command.streamId, version, events, { ...command, manager });
        const next = result.events.reduce(command.evolve, state);
        await command.project?.(result.events, next, manager);
        return { state: next, version: result.nextExpectedVersion, events: result.events };
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= attempts) throw error;
    }
  }
};
