import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, GeoFailoverEvent } from '@atrest/contracts';
import { DataSource, type EntityManager } from 'typeorm';

type Data<T extends GeoFailoverEvent['type']> = Extract<GeoFailoverEvent, { type: T }>['data'];

export type FailoverStatus = 'InProgress' | 'Succeeded';

export interface FailoverOperation {
  readonly operationId: string;
  readonly accountName: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly fromLocation: string;
  readonly toLocation: string;
  readonly requestedAt: Date;
  readonly completedAt: Date | null;
  readonly unreplicatedChanges: number | null;
  readonly lastSyncTime: Date | null;
  /** Succeeded once completed and the data plane has applied the completion (writes go to the new primary). */
  readonly status: FailoverStatus;
}

interface Row {
  operation_id: string;
  account_name: string;
  subscription_key: string;
  resource_group_key: string;
  from_location: string;
  to_location: string;
  requested_at: Date;
  completed_at: Date | null;
  unreplicated_changes: number | null;
  last_sync_time: Date | null;
  succeeded: boolean;
}

/** geo_failover_operations, written with the failover events (in their append's transaction) and read by the LRO endpoints. */
@Injectable()
export class FailoverOperationsStore {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async apply(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'GeoFailoverRequested') {
        const d = event.data as Data<'GeoFailoverRequested'>;
        await manager.query(
          `INSERT INTO geo_failover_operations (operation_id, account_name, subscription_key, resource_group_key, from_location, to_location, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [d.operationId, d.accountName, d.subscriptionId.toLowerCase(), d.resourceGroup.toLowerCase(), d.fromLocation, d.toLocation, d.requestedAt],
        );
      } else if (event.type === 'GeoFailoverCompleted') {
        const d = event.data as Data<'GeoFailoverCompleted'>;
        await manager.query(
          `UPDATE geo_failover_operations SET completed_at = $2, completed_version = $3, unreplicated_changes = $4, last_sync_time = $5 WHERE operation_id = $1`,
          [d.operationId, d.completedAt, event.streamVersion, d.unreplicatedChanges, d.lastSyncTime],
        );
      }
    }
  }

  async find(operationId: string): Promise<FailoverOperation | undefined> {
    const [row] = await this.db.query<Row[]>(
      `SELECT o.*, o.completed_version <= coalesce(ack.account_stream_version, 0) AS succeeded
         FROM geo_failover_operations o LEFT JOIN data_plane_acks ack USING (account_name) WHERE o.operation_id = $1`,
      [operationId],
    );
    return (
      row && {
        operationId: row.operation_id,
        accountName: row.account_name,
        subscriptionId: row.subscription_key,
        resourceGroup: row.resource_group_key,
        fromLocation: row.from_location,
        toLocation: row.to_location,
        requestedAt: row.requested_at,
        completedAt: row.completed_at,
        unreplicatedChanges: row.unreplicated_changes,
        lastSyncTime: row.last_sync_time,
        status: row.succeeded ? 'Succeeded' : 'InProgress',
      }
    );
  }
}
