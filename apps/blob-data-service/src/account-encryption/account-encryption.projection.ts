import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type StorageAccountEvent } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '@atrest/event-store';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';
import { regionNameOf } from '../region-stores/region-name';

type EventData<T extends StorageAccountEvent['type']> = Extract<StorageAccountEvent, { type: T }>['data'];

/**
 * Keeps account_encryption_state (the data plane's view of each account) in
 * step with the account's stream (atrest.accounts) and, in the same
 * transaction, acknowledges each applied encryption state with
 * DataPlaneEncryptionStateApplied on atrest.blobs: once account-service sees
 * that acknowledgement, every write the data plane accepts from then on
 * follows the new state. Versions only move forward, and a deleted account
 * stays as a tombstone, so a replayed older event changes nothing and
 * acknowledges nothing.
 */
@Injectable()
export class AccountEncryptionProjection implements EventSubscriber {
  readonly groupId = 'blob-data-service.account-encryption';
  readonly topics = [Topics.accounts];
  readonly handlers = {
    StorageAccountCreated: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const data = event.data as EventData<'StorageAccountCreated'>;
      const columns = { enabled: false, region: regionNameOf(data.location), sku: data.sku, kind: data.kind, key_source: null };
      await this.apply(event, manager, { ...columns, incarnation: event.streamVersion, deleted: false });
    },
    EncryptionEnabled: (event: EventEnvelope, manager: EntityManager) =>
      this.apply(event, manager, { enabled: true, key_source: (event.data as EventData<'EncryptionEnabled'>).keySource }),
    EncryptionDisabled: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, { enabled: false }),
    StorageAccountDeleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      await this.upsert(event, manager, { enabled: false, deleted: true });
    },
  };

  /** Moves the row forward and acknowledges the encryption state it now holds. */
  private async apply(event: EventEnvelope, manager: EntityManager, columns: Record<string, unknown>): Promise<void> {
    const applied = await this.upsert(event, manager, columns);
    if (!applied) return;
    const { subscriptionId, accountName } = event.data as EventData<'StorageAccountCreated'>;
    const acknowledgement = {
      type: 'DataPlaneEncryptionStateApplied',
      data: { subscriptionId, accountName, accountStreamVersion: event.streamVersion, encryptionEnabled: columns.enabled, appliedAt: applied.toISOString() },
    };
    // Stream version = the account's: one acknowledgement per applied account event.
    await enqueueEvents(manager, envelopeEvents(`DataPlaneAccount-${accountName}`, event.streamVersion, [acknowledgement], applied));
  }

  /** Inserts or moves the account's row to this event's version; returns when it did, or undefined for an older event. */
  private async upsert(event: EventEnvelope, manager: EntityManager, columns: Record<string, unknown>): Promise<Date | undefined> {
    const { subscriptionId, accountName } = event.data as EventData<'StorageAccountCreated'>;
    const now = new Date();
    const values: Record<string, unknown> = { subscription_id: subscriptionId, ...columns, account_stream_version: event.streamVersion, updated_at: now };
    const names = Object.keys(values);
    const rows: unknown[] = await manager.query(
      `INSERT INTO account_encryption_state (account_name, ${names.join(', ')})
       VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (account_name) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE account_encryption_state.account_stream_version < EXCLUDED.account_stream_version
       RETURNING account_name`,
      [accountName, ...Object.values(values)],
    );
    return rows.length > 0 ? now : undefined;
  }
}
