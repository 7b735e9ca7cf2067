import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, KeyRingEvent } from '@atrest/contracts';
import { KeyHierarchy } from '../../key-material/key-hierarchy';
import { customerKeyRefOf } from '../domain/customer-key';
import { unreachable, type KeyRing } from '../domain/key-ring';
import { KeyRingViews } from './key-ring.view';

/**
 * What a ring's new events change outside the stream, in the append's
 * transaction: the KEK material (created, re-wrapped, destroyed; never in an
 * event) and the key_rings view. Either everything commits or nothing does.
 */
@Injectable()
export class KeyRingProjection {
  constructor(
    private readonly hierarchy: KeyHierarchy,
    private readonly views: KeyRingViews,
  ) {}

  async apply(events: readonly EventEnvelope[], ring: KeyRing, manager: EntityManager): Promise<void> {
    for (const envelope of events) {
      const event = envelope as unknown as KeyRingEvent;
      const { accountName } = event.data;
      const at = new Date(envelope.occurredAt);
      switch (event.type) {
        case 'KeyRingCreated':
        case 'KeyRotated':
          await this.hierarchy.createKek(manager, accountName, event.data.kekVersion, ring.customerKey && customerKeyRefOf(ring.customerKey), at);
          break;
        case 'CustomerManagedKeyConfigured':
          await this.hierarchy.rewrapKeks(manager, accountName, customerKeyRefOf(event.data.keyVaultProperties));
          break;
        case 'CustomerManagedKeyRemoved':
          await this.hierarchy.rewrapKeks(manager, accountName, undefined);
          break;
        case 'KeyRingDeleted':
          await this.hierarchy.destroyKeks(manager, accountName);
          break;
        case 'KeyRevoked':
        case 'KeyRestored':
        case 'KeySourceUnchanged':
        case 'KeySourceChangeRejected':
          break;
        default:
          unreachable(event);
      }
    }
    const last = events[events.length - 1];
    await this.views.save(manager, (last.data as { accountName: string }).accountName, ring, last.streamVersion, new Date(last.occurredAt));
  }
}
