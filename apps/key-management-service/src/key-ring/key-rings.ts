import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import type { KeyRingCommand } from './domain/key-ring.commands';
import { decide } from './domain/key-ring.decide';
import { evolve, initialKeyRing, keyRingStreamId, type KeyRing } from './domain/key-ring';
import { KeyRingProjection } from './projections/key-ring.projection';

/** Runs a command on an account's key ring: load, decide, append with its projection, retry on conflict. */
@Injectable()
export class KeyRings {
  constructor(
    private readonly store: EventStore,
    private readonly projection: KeyRingProjection,
  ) {}

  async execute(accountName: string, command: KeyRingCommand, metadata?: EventMetadata): Promise<KeyRing> {
    const { state } = await handleCommand(this.store, {
      streamId: keyRingStreamId(accountName),
      initialState: initialKeyRing,
      evolve,
      decide: (ring) => decide(command, ring),
      now: command.now,
      metadata,
      project: (events, ring, manager) => this.projection.apply(events, ring, manager),
    });
    return state;
  }
}
