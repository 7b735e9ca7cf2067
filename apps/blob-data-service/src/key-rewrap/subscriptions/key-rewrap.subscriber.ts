import { Inject, Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type KeyRingEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { EntityManager } from 'typeorm';
import type { BlobDataServiceConfig } from '../../config';
import type { RewrapFact } from '../domain/rewrap-job';
import { RewrapJobs } from '../store/rewrap-jobs.repository';
import { KeyRewrapWorker } from '../worker/key-rewrap.worker';

type RingEventData<T extends KeyRingEvent['type']> = Extract<KeyRingEvent, { type: T }>['data'];

/**
 * Records re-wrap jobs from atrest.keys (its own consumer group, so a first
 * start reads the topic from the beginning and owes every rotation already
 * made): a ring's first version, each rotation (a job towards the new
 * version), a restored customer key (retry a blocked job now) and a deleted
 * ring (the job ends). Transitions only move forward, so redelivery changes nothing.
 */
@Injectable()
export class KeyRewrapSubscriber implements EventSubscriber {
  readonly groupId = 'blob-data-service.key-rewrap';
  readonly topics = [Topics.keys];
  readonly handlers = {
    KeyRingCreated: (event: EventEnvelope, manager: EntityManager) =>
      this.record(event, manager, { type: 'KeyRingCreated', kekVersion: (event.data as RingEventData<'KeyRingCreated'>).kekVersion }),
    KeyRotated: (event: EventEnvelope, manager: EntityManager) => {
      const { kekVersion, rotatedAt } = event.data as RingEventData<'KeyRotated'>;
      // Write keys issued before the rotation may store keys of the old version until they retire.
      const settlesAt = new Date(Date.parse(rotatedAt) + this.writeKeyLifetimeMs);
      return this.record(event, manager, { type: 'KeyRotated', kekVersion, settlesAt, now: new Date() });
    },
    KeyRestored: (event: EventEnvelope, manager: EntityManager) => this.record(event, manager, { type: 'KeyRestored', now: new Date() }),
    KeyRingDeleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      await this.jobs.remove(accountOf(event), manager);
    },
  };

  private readonly writeKeyLifetimeMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: BlobDataServiceConfig,
    @Inject(RewrapJobs) private readonly jobs: RewrapJobs,
    @Inject(KeyRewrapWorker) private readonly worker: KeyRewrapWorker,
  ) {
    this.writeKeyLifetimeMs = config.DEK_CACHE_TTL_SECONDS * 1000;
  }

  private async record(event: EventEnvelope, manager: EntityManager, fact: RewrapFact): Promise<void> {
    // KeyRestored for an account without a job changes nothing: no row for it.
    await this.jobs.change(accountOf(event), fact, fact.type === 'KeyRestored' ? 'skip' : 'create', manager);
    // Before this transaction commits the worker cannot take the job yet: its next poll, at most a second later, will.
    this.worker.nudge();
  }
}

const accountOf = (event: EventEnvelope): string => (event.data as RingEventData<'KeyRingCreated'>).accountName;
