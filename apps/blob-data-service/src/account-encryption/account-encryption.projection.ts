import { Injectable } from '@nestjs/common';
import { pairedRegion, Topics, type EventEnvelope, type GeoFailoverEvent, type StorageAccountEvent } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '@atrest/event-store';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';
import { regionNameOf } from '../region-stores/region-name';

/** A row moved forward: when, and the encryption state it holds now. */
interface Applied {
  readonly at: Date;
  readonly enabled: boolean;
}

type EventData<T extends (StorageAccountEvent | GeoFailoverEvent)['type']> = Extract<StorageAccountEvent | GeoFailoverEvent, { type: T }>['data'];

/**
 * Keeps account_encryption_state (the data plane's view of each account) in
 * step with the account's stream (atrest.accounts) and, in the same
 * transaction, acknowledges each applied encryption state with
 * DataPlaneEncryptionStateApplied on atrest.data-plane: once account-service sees
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
      const columns = {
        enabled: false,
        region: regionNameOf(data.location),
        sku: data.sku,
        kind: data.kind,
        access_tier: data.accessTier ?? null,
        key_source: null,
        geo_failover_pending: false,
      };
      await this.apply(event, manager, { ...columns, incarnation: event.streamVersion, deleted: false });
    },
    // Only the access tier of what an update changes matters here (tags do not).
    StorageAccountUpdated: (event: EventEnvelope, manager: EntityManager) => {
      const { accessTier } = event.data as EventData<'StorageAccountUpdated'>;
      return this.apply(event, manager, accessTier ? { access_tier: accessTier } : {}, 'existing');
    },
    EncryptionEnabled: (event: EventEnvelope, manager: EntityManager) =>
      this.apply(event, manager, { enabled: true, key_source: (event.data as EventData<'EncryptionEnabled'>).keySource }),
    EncryptionDisabled: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, { enabled: false }),
    // Geo-failover (docs/adr/0007): writes stop while the secondary is prepared, then the paired region is the primary.
    GeoFailoverRequested: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, { geo_failover_pending: true }, 'existing'),
    GeoFailoverCompleted: (event: EventEnvelope, manager: EntityManager) => {
      const data = event.data as EventData<'GeoFailoverCompleted'>;
      const region = regionNameOf(data.location);
      // A failover goes to the pair, so the pair of the new region is the old one (its store keeps rows for the purge).
      const failedOverFrom = pairedRegion(region)?.name ?? null;
      return this.apply(event, manager, { region, sku: data.sku, geo_failover_pending: false, failed_over_from: failedOverFrom }, 'existing');
    },
    StorageAccountDeleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      await this.upsert(event, manager, { enabled: false, deleted: true });
    },
  };

  /**
   * Moves the row forward and acknowledges the encryption state it now holds
   * (`existing`: a change to an account the row already has, e.g. a
   * failover step, which names no encryption state of its own).
   */
  private async apply(event: EventEnvelope, manager: EntityManager, columns: Record<string, unknown>, row: 'upsert' | 'existing' = 'upsert'): Promise<void> {
    const applied = row === 'upsert' ? await this.upsert(event, manager, columns) : await this.update(event, manager, columns);
    if (!applied) return;
    const { subscriptionId, accountName } = event.data as EventData<'StorageAccountCreated'>;
    const acknowledgement = {
      type: 'DataPlaneEncryptionStateApplied',
      data: { subscriptionId, accountName, accountStreamVersion: event.streamVersion, encryptionEnabled: applied.enabled, appliedAt: applied.at.toISOString() },
    };
    // Stream version = the account's: one acknowledgement per applied account event.
    await enqueueEvents(manager, envelopeEvents(`DataPlaneAccount-${accountName}`, event.streamVersion, [acknowledgement], applied.at));
  }

  /** Moves an existing (not deleted) row to this event's version; when it did and the encryption state it holds, or undefined. */
  private async update(event: EventEnvelope, manager: EntityManager, columns: Record<string, unknown>): Promise<Applied | undefined> {
    const { resourceGroup, accountName } = event.data as EventData<'StorageAccountCreated'>;
    const now = new Date();
    const values: Record<string, unknown> = { resource_group: resourceGroup, ...columns, account_stream_version: event.streamVersion, updated_at: now };
    const [rows] = await manager.query<[{ enabled: boolean }[], number]>(
      `UPDATE account_encryption_state SET ${Object.keys(values).map((n, i) => `${n} = $${i + 2}`).join(', ')}
        WHERE account_name = $1 AND NOT deleted AND account_stream_version < $${Object.keys(values).indexOf('account_stream_version') + 2}
        RETURNING enabled`,
      [accountName, ...Object.values(values)],
    );
    return rows.length > 0 ? { at: now, enabled: rows[0].enabled } : undefined;
  }

  /** Inserts or moves the account's row to this event's version; returns when it did, or undefined for an older event. */
  private async upsert(event: EventEnvelope, manager: EntityManager, columns: Record<string, unknown>): Promise<Applied | undefined> {
    const { subscriptionId, resourceGroup, accountName } = event.data as EventData<'StorageAccountCreated'>;
    const now = new Date();
    const values: Record<string, unknown> = { subscription_id: subscriptionId, resource_group: resourceGroup, ...columns, account_stream_version: event.streamVersion, updated_at: now };
    const names = Object.keys(values);
    const rows: unknown[] = await manager.query(
      `INSERT INTO account_encryption_state (account_name, ${names.join(', ')})
       VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (account_name) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE account_encryption_state.account_stream_version < EXCLUDED.account_stream_version
       RETURNING enabled`,
      [accountName, ...Object.values(values)],
    );
    return rows.length > 0 ? { at: now, enabled: (rows[0] as { enabled: boolean }).enabled } : undefined;
  }
}
