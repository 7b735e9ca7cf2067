import type { EntityManager } from 'typeorm';
import type { StoredBlock } from '../domain/block-list';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';
import type { CommittedBlock } from './block.repository';

/** A blob's layout as it was before a commit or delete removed it. */
export interface RemovedLayout {
  /** Committed blocks, in blob order. */
  readonly committed: readonly CommittedBlock[];
  /** Staged blocks, by id. */
  readonly staged: ReadonlyMap<string, StoredBlock>;
  /** The extents its page ranges used. */
  readonly pageExtents: readonly string[];
}

/**
 * Removes the blob's committed blocks, staged blocks and page ranges in one
 * statement (under the blob's lock) and returns what they were: a commit
 * resolves its new content against them and deletes the extents nothing
 * uses any more; a delete deletes them all.
 */
export const removeLayout = async (manager: EntityManager, key: BlobKey): Promise<RemovedLayout> => {
  const [row] = await manager.query<
    { committed: Array<{ block_id: string | null; blob_offset: number; size: number; extent_ids: string[] }>; staged: Array<{ block_id: string; size: number; extent_ids: string[] }>; pages: string[] }[]
  >(
    `WITH committed AS (DELETE FROM blob_blocks WHERE ${BLOB_WHERE} RETURNING ordinal, block_id, blob_offset, size, extent_ids),
          staged AS (DELETE FROM staged_blocks WHERE ${BLOB_WHERE} RETURNING block_id, size, extent_ids, staged_at),
          pages AS (DELETE FROM page_ranges WHERE ${BLOB_WHERE} RETURNING extent_id)
     SELECT (SELECT coalesce(json_agg(c ORDER BY c.ordinal), '[]') FROM committed c) AS committed,
            (SELECT coalesce(json_agg(s ORDER BY s.staged_at, s.block_id), '[]') FROM staged s) AS staged,
            (SELECT coalesce(array_agg(DISTINCT extent_id), '{}') FROM pages) AS pages`,
    blobParams(key),
  );
  return {
    committed: row.committed.map((b) => ({ id: b.block_id, offset: Number(b.blob_offset), size: Number(b.size), extentIds: b.extent_ids })),
    staged: new Map(row.staged.map((b) => [b.block_id, { id: b.block_id, size: Number(b.size), extentIds: b.extent_ids }])),
    pageExtents: row.pages,
  };
};

/** Every extent a removed layout used. */
export const extentsOf = (layout: RemovedLayout): string[] => [
  ...layout.committed.flatMap((b) => b.extentIds),
  ...[...layout.staged.values()].flatMap((b) => b.extentIds),
  ...layout.pageExtents,
];
