import type { EntityManager } from 'typeorm';
import { BLOB_WHERE, blobParams, blobStreamId, CONTAINER_WHERE, containerParams, containerStreamId, type BlobKey, type ContainerKey } from '../../blobs/store/blob-keys';
import { deleteContainerRows, findContainer } from '../../blobs/store/container.repository';
import { NO_LEASE } from '../../blobs/store/lease-columns';
import { retireExtents } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import { decideBlobApply, decideContainerApply, type BlobApplyOutcome, type ContainerApplyOutcome } from '../domain/apply-decision';
import type { BlobSnapshot, ContainerSnapshot } from '../domain/snapshots';
import { BLOB_EXTENT_IDS } from './blob-extent-ids.sql';
import { missingExtents } from './copied-extent.repository';

// Applying a primary's snapshot to a secondary store, under a lock of the
// stream (replication only: no blob commit ever runs in a secondary), with
// the stream's version recorded in the same transaction. Rows are inserted
// from the primary's JSON on the same schema, their key columns set to the
// addressed blob or container.

/**
 * Locks the stream for this transaction. A lock not granted within 10 s
 * fails the apply (the replicator retries it later) instead of holding one
 * of the store's connections for as long as something else holds the lock.
 */
const lockStream = async (manager: EntityManager, streamId: string) => {
  await manager.query(`SET LOCAL lock_timeout = '10s'`);
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`replica:${streamId}`]);
};

const streamVersion = async (manager: EntityManager, streamId: string): Promise<number> => {
  const [row] = await manager.query<{ version: number }[]>(`SELECT version FROM blob_streams WHERE stream_id = $1`, [streamId]);
  return row?.version ?? 0;
};

const recordVersion = (manager: EntityManager, streamId: string, version: number) =>
  manager.query(
    `INSERT INTO blob_streams (stream_id, version) VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET version = greatest(blob_streams.version, EXCLUDED.version)`,
    [streamId, version],
  );

const containerKeyColumns = (key: ContainerKey) => ({ account_name: key.account, account_incarnation: key.incarnation, container_name: key.container });
const blobKeyColumns = (key: BlobKey) => ({ ...containerKeyColumns(key), blob_name: key.blob });

// A lease is the primary's (Lease Blob and Lease Container send no change event, so a copy would go stale): never copied (NO_LEASE).

/** Inserts `rowsJson` (a JSON array of rows of `table`, or one row) under the blob's key. */
const insertRows = (manager: EntityManager, table: 'blobs' | 'blob_blocks' | 'page_ranges', rowsJson: string, key: BlobKey) =>
  manager.query(
    `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table},
       (SELECT coalesce(jsonb_agg(r || $2::jsonb), '[]') FROM jsonb_array_elements(
          CASE jsonb_typeof($1::jsonb) WHEN 'array' THEN $1::jsonb ELSE jsonb_build_array($1::jsonb) END) AS r))`,
    [rowsJson, JSON.stringify({ ...blobKeyColumns(key), ...(table === 'blobs' ? NO_LEASE : {}) })],
  );

export const applyBlobSnapshot = (store: RegionStore, key: BlobKey, snapshot: BlobSnapshot): Promise<BlobApplyOutcome> =>
  store.transaction(async (manager) => {
    const streamId = blobStreamId(key);
    await lockStream(manager, streamId);
    const container = await findContainer(manager, key, 'share');
    const missing = new Set(await missingExtents(manager, snapshot.extentIds));
    const decision = decideBlobApply(snapshot, {
      version: await streamVersion(manager, streamId),
      containerVersion: await streamVersion(manager, containerStreamId(key)),
      containerExists: container !== undefined,
      presentExtents: new Set(snapshot.extentIds.filter((id) => !missing.has(id))),
    });
    if (decision !== 'apply') return decision;

    const [{ ids: before }] = await manager.query<{ ids: string[] }[]>(`SELECT ${BLOB_EXTENT_IDS} AS ids`, blobParams(key));
    await manager.query(`DELETE FROM blobs WHERE ${BLOB_WHERE}`, blobParams(key));
    if (snapshot.blob) {
      await insertRows(manager, 'blobs', snapshot.blob.row, key);
      await insertRows(manager, 'blob_blocks', snapshot.blob.blocks, key);
      await insertRows(manager, 'page_ranges', snapshot.blob.pages, key);
    }
    const kept = new Set(snapshot.extentIds);
    await retireExtents(manager, before.filter((id) => !kept.has(id)));
    await recordVersion(manager, streamId, snapshot.version);
    return { outcome: 'applied', version: snapshot.version };
  });

export const applyContainerSnapshot = (store: RegionStore, key: ContainerKey, snapshot: ContainerSnapshot): Promise<ContainerApplyOutcome> =>
  store.transaction(async (manager) => {
    const streamId = containerStreamId(key);
    await lockStream(manager, streamId);
    const [row] = await manager.query<{ generation: string | null }[]>(`SELECT generation FROM containers WHERE ${CONTAINER_WHERE} FOR UPDATE`, containerParams(key));
    const plan = decideContainerApply(snapshot, { version: await streamVersion(manager, streamId), exists: row !== undefined, generation: row?.generation ?? null });
    if ('outcome' in plan) return plan;
    // What a change of a container sets (the key and generation stay).
    if (plan.update)
      await manager.query(
        `UPDATE containers SET (etag, last_modified, metadata, access_policies) =
           (SELECT etag, last_modified, metadata, access_policies FROM jsonb_populate_record(null::containers, $4::jsonb)) WHERE ${CONTAINER_WHERE}`,
        [...containerParams(key), snapshot.container],
      );
    if (plan.drop) {
      if (plan.forgetDroppedBlobs)
        await manager.query(
          `DELETE FROM blob_streams WHERE stream_id IN (SELECT $4 || blob_name FROM blobs WHERE ${CONTAINER_WHERE})`,
          [...containerParams(key), blobStreamId({ ...key, blob: '' })],
        );
      await retireExtents(manager, await deleteContainerRows(manager, key));
    }
    if (plan.create)
      await manager.query(
        `INSERT INTO containers SELECT * FROM jsonb_populate_record(null::containers, $1::jsonb || $2::jsonb)`,
        [snapshot.container, JSON.stringify({ ...containerKeyColumns(key), ...NO_LEASE })],
      );
    await recordVersion(manager, streamId, snapshot.version);
    return { outcome: 'applied', version: snapshot.version };
  });
