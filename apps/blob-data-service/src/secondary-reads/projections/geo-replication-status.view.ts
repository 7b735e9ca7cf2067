import type { DataSource } from 'typeorm';
import type { GeoReplicationStatus } from '@atrest/contracts';

export interface GeoReplicationState {
  readonly status: GeoReplicationStatus;
  readonly lastSyncTime: Date | null;
}

/** The replicator's latest report for this incarnation of the account; undefined before its first. */
export const findGeoReplicationState = async (db: DataSource, account: string, incarnation: number): Promise<GeoReplicationState | undefined> => {
  const [row] = await db.query<{ status: GeoReplicationStatus; last_sync_time: Date | null }[]>(
    `SELECT status, last_sync_time FROM geo_replication_status WHERE account_name = $1 AND incarnation = $2`,
    [account, incarnation],
  );
  return row && { status: row.status, lastSyncTime: row.last_sync_time };
};
