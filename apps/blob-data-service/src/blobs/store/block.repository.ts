import type { EntityManager } from 'typeorm';
import { extentColumnsWithBytes, storedExtentsOf, type ExtentRow } from '../../extents/extent.repository';
import type { StoredExtent } from '../../extents/stored-extent';
import type { RegionStore } from '../../region-stores/region-store';
import type { WriteBatch } from '../../region-stores/write-batch';
import type { StoredBlock } from '../domain/block-list';
import { BLOB_WHERE, blobParams, CONTAINER_WHERE, type BlobKey } from './blob-keys';

type Db = EntityManager | RegionStore;

/**
 * How every change to a blob starts (one statement): its container is
 * share-locked against deletion, then the blob locked against concurrent
 * changes (staging, commits, deletes) until the transaction ends, whether
 * or not it exists yet; false, with no container to lock, when the
 * container does not exist. The blob's row must be read in a later
 * statement, whose snapshot follows the lock.
 */
export const lockBlob = async (manager: EntityManager, key: BlobKey): Promise<boolean> => {
  // Container first, as Delete Container takes it: a blob lock is never held while waiting for the container.
  const [{ container }] = await manager.query<{ container: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM containers WHERE ${CONTAINER_WHERE} FOR SHARE) AS container, pg_advisory_xact_lock(hashtextextended($4, 0)) IS NULL AS locked`,
    [key.account, key.incarnation, key.container, `${key.account}/${key.incarnation}/${key.container}/${key.blob}`],
  );
  return container;
};

/** A committed block of a block (or append) blob: where it sits in the blob, and the extents holding it. */
export interface CommittedBlock {
  /** Null for data written by Put Blob (it has no block id). */
  readonly id: string | null;
  readonly offset: number;
  readonly size: number;
  readonly extentIds: readonly string[];
}

interface BlockRow {
  block_id: string | null;
  blob_offset: string | number;
  size: string | number;
  extent_ids: string[];
}

const blockOf = (row: BlockRow): CommittedBlock => ({
  id: row.block_id,
  offset: Number(row.blob_offset),
  size: Number(row.size),
  extentIds: row.extent_ids,
});

/** The committed blocks in blob order. */
export const committedBlocks = async (db: Db, key: BlobKey): Promise<CommittedBlock[]> => {
  const rows = await db.query<BlockRow[]>(`SELECT block_id, blob_offset, size, extent_ids FROM blob_blocks WHERE ${BLOB_WHERE} ORDER BY ordinal`, blobParams(key));
  return rows.map(blockOf);
};

/** The committed blocks of (part of) a blob in blob order, and what reads need of their extents, by id. */
export interface BlockLayout {
  readonly blocks: CommittedBlock[];
  readonly extents: Map<string, StoredExtent>;
}

/** Reads take inline extents' bytes with the layout for the blocks starting less than this far into the read: bounded, however many blocks it spans. */
const BYTES_WITH_LAYOUT = 1024 * 1024;

/**
 * SQL of a JSON array (blockLayoutOf reads it): the committed blocks of the
 * blob BLOB_WHERE names overlapping bytes [start, end) (SQL expressions), in
 * blob order, each with its extents' read columns and, near the start, the
 * bytes of its inline extents.
 */
export const committedLayoutJson = (start: string, end: string): string =>
  `(SELECT coalesce(json_agg(l ORDER BY l.ordinal), '[]') FROM (
     SELECT b.ordinal, b.block_id, b.blob_offset, b.size, b.extent_ids,
            (SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${extentColumnsWithBytes(`b.blob_offset < ${start} + ${BYTES_WITH_LAYOUT}`)} WHERE e.id = ANY(b.extent_ids)) x) AS extents
       FROM blob_blocks b WHERE ${BLOB_WHERE} AND b.blob_offset < ${end} AND b.blob_offset + b.size > ${start}) l)`;

export type LayoutJson = Array<BlockRow & { extents: ExtentRow[] }>;

export const blockLayoutOf = (rows: LayoutJson): BlockLayout => ({ blocks: rows.map(blockOf), extents: storedExtentsOf(rows.flatMap((r) => r.extents)) });

/** The committed blocks overlapping bytes [start, end), in blob order, with what reads need of their extents: one statement. */
export const committedBlocksForReading = async (db: Db, key: BlobKey, range: { start: number; end: number }): Promise<BlockLayout> => {
  const [{ layout }] = await db.query<Array<{ layout: LayoutJson }>>(`SELECT ${committedLayoutJson('$5::bigint', '$6::bigint')} AS layout`, [
    ...blobParams(key),
    range.start,
    range.end,
  ]);
  return blockLayoutOf(layout);
};

/** Adds to `writes` the insert of the blob's committed layout (one statement, whatever the number of blocks) where the change's read removed it. */
export const insertCommittedBlocks = (
  writes: WriteBatch,
  key: BlobKey,
  blocks: ReadonlyArray<{ readonly id: string | null; readonly size: number; readonly extentIds: readonly string[] }>,
): void => {
  if (blocks.length === 0) return;
  let offset = 0;
  const offsets = blocks.map((b) => {
    const at = offset;
    offset += b.size;
    return at;
  });
  writes.add(
    'new_blocks',
    `INSERT INTO blob_blocks (account_name, account_incarnation, container_name, blob_name, ordinal, block_id, blob_offset, size, extent_ids)
     SELECT $1, $2, $3, $4, b.ordinal, b.block_id, b.blob_offset, b.size, ARRAY(SELECT jsonb_array_elements_text(b.extent_ids))::uuid[]
       FROM unnest($5::int[], $6::text[], $7::bigint[], $8::bigint[], $9::jsonb[]) AS b(ordinal, block_id, blob_offset, size, extent_ids)`,
    [
      ...blobParams(key),
      blocks.map((_, i) => i),
      blocks.map((b) => b.id),
      offsets,
      blocks.map((b) => b.size),
      blocks.map((b) => JSON.stringify(b.extentIds)),
    ],
  );
};

/** Staged (uncommitted) blocks of the blob, by id. */
export const stagedBlocks = async (db: Db, key: BlobKey): Promise<Map<string, StoredBlock & { stagedAt: Date }>> => {
  const rows = await db.query<{ block_id: string; size: string; extent_ids: string[]; staged_at: Date }[]>(
    `SELECT block_id, size, extent_ids, staged_at FROM staged_blocks WHERE ${BLOB_WHERE} ORDER BY staged_at, block_id`,
    blobParams(key),
  );
  return new Map(rows.map((r) => [r.block_id, { id: r.block_id, size: Number(r.size), extentIds: r.extent_ids, stagedAt: r.staged_at }]));
};

/** SQL: how many blocks the blob BLOB_WHERE names has committed (an append blob's x-ms-blob-committed-block-count). */
export const COMMITTED_BLOCK_COUNT = `(SELECT count(*)::int FROM blob_blocks WHERE ${BLOB_WHERE})`;

/** How many blocks the blob has committed. */
export const committedBlockCount = async (db: Db, key: BlobKey): Promise<number> => {
  const [{ n }] = await db.query<{ n: number }[]>(`SELECT ${COMMITTED_BLOCK_COUNT} AS n`, blobParams(key));
  return n;
};

/** Adds to `writes` one block at the end of the blob (Append Block): ordinal `ordinal`, at byte `offset`. */
export const addCommittedBlock = (writes: WriteBatch, key: BlobKey, ordinal: number, offset: number, block: Pick<CommittedBlock, 'size' | 'extentIds'>): void =>
  writes.add(
    'new_block',
    `INSERT INTO blob_blocks (account_name, account_incarnation, container_name, blob_name, ordinal, block_id, blob_offset, size, extent_ids)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8::uuid[])`,
    [...blobParams(key), ordinal, offset, block.size, block.extentIds],
  );
