import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import type { AccessPolicy } from '../../containers/domain/access-policy';
import type { Lease } from '../domain/lease';
import type { Metadata } from '../domain/metadata';
import { LEASE_COLUMNS, leaseAssignment, leaseOf, leaseValues, type LeaseRow } from './lease-columns';
import { CONTAINER_WHERE, containerParams, type ContainerKey } from './blob-keys';

type Db = EntityManager | RegionStore;

export interface ContainerRecord {
  readonly name: string;
  readonly etag: string;
  readonly lastModified: Date;
  readonly metadata: Metadata;
  /** Lease Container's (saveContainerLease); a new container has none. */
  readonly lease: Lease | null;
  /** Set Container ACL's stored access policies (none for a new container). */
  readonly accessPolicies: readonly AccessPolicy[];
  /** x-ms-deny-encryption-scope-override as Create Container set it. */
  readonly denyEncryptionScopeOverride: boolean;
}

/** What changing a container's metadata sets. */
export type ContainerChange = Omit<ContainerRecord, 'name' | 'lease' | 'accessPolicies' | 'denyEncryptionScopeOverride'>;

interface ContainerRow extends LeaseRow {
  container_name: string;
  etag: string;
  last_modified: Date;
  metadata: Metadata;
  access_policies: AccessPolicy[];
  deny_encryption_scope_override: boolean;
}

const CONTAINER_COLUMNS = `container_name, etag, last_modified, metadata, access_policies, deny_encryption_scope_override, ${LEASE_COLUMNS}`;

const recordOf = (row: ContainerRow): ContainerRecord => ({
  name: row.container_name,
  etag: row.etag,
  lastModified: row.last_modified,
  metadata: row.metadata,
  lease: leaseOf(row),
  accessPolicies: row.access_policies,
  denyEncryptionScopeOverride: row.deny_encryption_scope_override,
});

/** The container; `lock` keeps it from being deleted until the transaction ends (a blob commit into it). */
export const findContainer = async (db: Db, key: ContainerKey, lock?: 'share' | 'update'): Promise<ContainerRecord | undefined> => {
  const [row] = await db.query<ContainerRow[]>(
    `SELECT ${CONTAINER_COLUMNS} FROM containers WHERE ${CONTAINER_WHERE}${lock ? ` FOR ${lock.toUpperCase()}` : ''}`,
    containerParams(key),
  );
  return row && recordOf(row);
};

/**
 * Creates the container, of a generation of its own (docs/adr/0007: drawn
 * here, not by Postgres, so that every zone copy of a ZRS store holds the
 * same); false if it already exists.
 */
export const insertContainer = async (
  manager: EntityManager,
  key: ContainerKey,
  record: ContainerChange & Pick<ContainerRecord, 'denyEncryptionScopeOverride'>,
): Promise<boolean> => {
  const rows = await manager.query(
    `INSERT INTO containers (account_name, account_incarnation, container_name, etag, last_modified, metadata, generation, deny_encryption_scope_override)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT DO NOTHING RETURNING container_name`,
    [...containerParams(key), record.etag, record.lastModified, JSON.stringify(record.metadata), randomUUID(), record.denyEncryptionScopeOverride],
  );
  return rows.length > 0;
};

/** Replaces the container's metadata, ETag and time (its generation stays: it is the same container). */
export const updateContainerMetadata = async (manager: EntityManager, key: ContainerKey, change: ContainerChange): Promise<void> => {
  await manager.query(`UPDATE containers SET etag = $4, last_modified = $5, metadata = $6::jsonb WHERE ${CONTAINER_WHERE}`, [
    ...containerParams(key),
    change.etag,
    change.lastModified,
    JSON.stringify(change.metadata),
  ]);
};

/** Replaces the container's stored access policies, ETag and time (Set Container ACL). */
export const updateContainerAccessPolicies = async (
  manager: EntityManager,
  key: ContainerKey,
  change: Pick<ContainerRecord, 'etag' | 'lastModified' | 'accessPolicies'>,
): Promise<void> => {
  await manager.query(`UPDATE containers SET etag = $4, last_modified = $5, access_policies = $6::jsonb WHERE ${CONTAINER_WHERE}`, [
    ...containerParams(key),
    change.etag,
    change.lastModified,
    JSON.stringify(change.accessPolicies),
  ]);
};

/** Sets (or, null, ends) the container's lease; its ETag and time stay. */
export const saveContainerLease = async (manager: EntityManager, key: ContainerKey, lease: Lease | null): Promise<void> => {
  await manager.query(`UPDATE containers SET ${leaseAssignment(4)} WHERE ${CONTAINER_WHERE}`, [...containerParams(key), ...leaseValues(lease)]);
};

/**
 * Deletes the container, its blobs, layouts and staged blocks (cascade), in
 * the caller's transaction; returns the ids of the extents they referenced,
 * for the caller to retire (readers may be under way) or delete.
 */
export const deleteContainerRows = async (manager: EntityManager, key: ContainerKey): Promise<string[]> => {
  const params = containerParams(key);
  const [{ ids }] = await manager.query<{ ids: string[] | null }[]>(
    `SELECT array_agg(id) AS ids FROM (
       SELECT unnest(extent_ids) AS id FROM blob_blocks WHERE ${CONTAINER_WHERE}
       UNION ALL SELECT unnest(extent_ids) FROM staged_blocks WHERE ${CONTAINER_WHERE}
       UNION ALL SELECT extent_id FROM page_ranges WHERE ${CONTAINER_WHERE}
       UNION ALL SELECT metadata_extent_id FROM blobs WHERE ${CONTAINER_WHERE} AND metadata_extent_id IS NOT NULL) AS referenced`,
    params,
  );
  await manager.query(`DELETE FROM containers WHERE ${CONTAINER_WHERE}`, params);
  return ids ?? [];
};

/** One page of containers in name order, from `startAt` (inclusive); one more than `limit` tells there is a next page. */
export const listContainers = async (db: Db, account: string, incarnation: number, prefix: string, startAt: string, limit: number): Promise<ContainerRecord[]> => {
  const rows = await db.query<ContainerRow[]>(
    `SELECT ${CONTAINER_COLUMNS} FROM containers
      WHERE account_name = $1 AND account_incarnation = $2 AND starts_with(container_name, $3) AND container_name >= $4
      ORDER BY container_name LIMIT $5`,
    [account, incarnation, prefix, startAt, limit + 1],
  );
  return rows.map(recordOf);
};
