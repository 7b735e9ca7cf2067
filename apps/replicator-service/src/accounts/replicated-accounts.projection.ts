import { Injectable } from '@nestjs/common';
import { findRegion, isGeoRedundantSku, pairedRegion, Topics, type EventEnvelope, type GeoFailoverEvent, type StorageAccountEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type Data<T extends string> = Extract<StorageAccountEvent | GeoFailoverEvent, { type: T }>['data'];

/** The region name of a location ("East US" -> "eastus"), as the data plane names its stores. */
const regionOf = (location: string): string => findRegion(location)?.name ?? location.toLowerCase();

/**
 * replicated_accounts, from the account's stream on atrest.accounts. Rows
 * move forward by stream version only, so a replayed event changes nothing.
 * A completed failover makes the account locally redundant in its new
 * region and drops what was still queued for it (counted at failover).
 */
@Injectable()
export class ReplicatedAccountsProjection implements EventSubscriber {
  readonly groupId = 'replicator-service.accounts';
  readonly topics = [Topics.accounts];
  readonly handlers = {
    StorageAccountCreated: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const data = event.data as Data<'StorageAccountCreated'>;
      const primary = regionOf(data.location);
      const geo = isGeoRedundantSku(data.sku);
      const created = await this.upsert(manager, event, {
        incarnation: event.streamVersion,
        sku: data.sku,
        primary_region: primary,
        secondary_region: geo ? (pairedRegion(primary)?.name ?? null) : null,
        deleted: false,
        failover_operation_id: null,
        failover_requested_version: null,
      });
      // Changes queued before the account was known: dropped if it turns out not to be geo-redundant.
      if (created && !geo) await manager.query(`DELETE FROM replication_queue WHERE account_name = $1`, [data.accountName]);
    },
    GeoFailoverRequested: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const data = event.data as Data<'GeoFailoverRequested'>;
      await this.upsert(manager, event, { failover_operation_id: data.operationId, failover_requested_version: event.streamVersion });
    },
    GeoFailoverCompleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const data = event.data as Data<'GeoFailoverCompleted'>;
      const moved = { sku: data.sku, primary_region: regionOf(data.location), secondary_region: null, failover_operation_id: null, failover_requested_version: null };
      if (await this.upsert(manager, event, moved)) await manager.query(`DELETE FROM replication_queue WHERE account_name = $1`, [data.accountName]);
    },
    StorageAccountDeleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      if (await this.upsert(manager, event, { deleted: true, secondary_region: null }))
        await manager.query(`DELETE FROM replication_queue WHERE account_name = $1`, [(event.data as Data<'StorageAccountDeleted'>).accountName]);
    },
  };

  /** Moves the account's row to this event's version (inserting it for a creation); true if it moved. */
  private async upsert(manager: EntityManager, event: EventEnvelope, columns: Record<string, unknown>): Promise<boolean> {
    const { accountName } = event.data as { accountName: string };
    if (event.type !== 'StorageAccountCreated') {
      const moved = await manager.query<[unknown[], number]>(
        `UPDATE replicated_accounts SET ${Object.keys(columns).map((c, i) => `${c} = $${i + 3}`).join(', ')}, account_stream_version = $2
          WHERE account_name = $1 AND account_stream_version < $2`,
        [accountName, event.streamVersion, ...Object.values(columns)],
      );
      return moved[1] > 0;
    }
    const names = ['account_name', 'account_stream_version', ...Object.keys(columns)];
    const rows = await manager.query<unknown[]>(
      `INSERT INTO replicated_accounts (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (account_name) DO UPDATE SET ${names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE replicated_accounts.account_stream_version < EXCLUDED.account_stream_version RETURNING account_name`,
      [accountName, event.streamVersion, ...Object.values(columns)],
    );
    return rows.length > 0;
  }
}
