import type { DataSource, EntityManager } from 'typeorm';

/** A geo-redundant account as the replicator works on it. */
export interface ReplicatedAccount {
  readonly name: string;
  readonly incarnation: number;
  readonly primaryRegion: string;
  readonly secondaryRegion: string;
  /** The failover being prepared, if any, and the account stream version that asked for it. */
  readonly failover?: { readonly operationId: string; readonly requestedVersion: number };
  /** How far the data plane has applied the account's stream. */
  readonly dataPlaneVersion: number;
}

interface Row {
  account_name: string;
  incarnation: number;
  primary_region: string;
  secondary_region: string;
  failover_operation_id: string | null;
  failover_requested_version: number | null;
  data_plane_version: number;
}

const accountOf = (r: Row): ReplicatedAccount => ({
  name: r.account_name,
  incarnation: r.incarnation,
  primaryRegion: r.primary_region,
  secondaryRegion: r.secondary_region,
  ...(r.failover_operation_id && { failover: { operationId: r.failover_operation_id, requestedVersion: r.failover_requested_version! } }),
  dataPlaneVersion: r.data_plane_version,
});

const SELECT = `SELECT account_name, incarnation, primary_region, secondary_region, failover_operation_id, failover_requested_version, data_plane_version
  FROM replicated_accounts WHERE NOT deleted AND secondary_region IS NOT NULL`;

/** Every geo-redundant account (GRS, RA-GRS) that exists, by name. */
export const geoRedundantAccounts = async (db: DataSource): Promise<ReplicatedAccount[]> =>
  (await db.query<Row[]>(`${SELECT} ORDER BY account_name`)).map(accountOf);

/** What the replicator knows of an account: geo-redundant with its primary in `region`, known otherwise, or not known yet. */
export const replicationRole = async (db: DataSource | EntityManager, account: string, region: string): Promise<'replicate' | 'ignore' | 'unknown'> => {
  const [row] = await db.query<{ geo: boolean }[]>(
    `SELECT NOT deleted AND secondary_region IS NOT NULL AND primary_region = $2 AS geo FROM replicated_accounts WHERE account_name = $1`,
    [account, region],
  );
  return row === undefined ? 'unknown' : row.geo ? 'replicate' : 'ignore';
};
