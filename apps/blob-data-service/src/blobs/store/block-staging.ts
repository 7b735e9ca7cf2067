import type { WriteBatch } from '../../region-stores/write-batch';
import type { StoredBlock } from '../domain/block-list';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';
import type { ChangeReadPart } from './change-read';

/** What staging a block checks against: the blob's block ids, and the extents of the staged block it replaces. */
export interface StagingState {
  readonly stagedIds: readonly string[];
  /** Of committed blocks that have one. */
  readonly committedIds: readonly string[];
  /** Undefined when no block of the same id is staged. */
  readonly replacedExtents?: readonly string[];
}

/** Part of Put Block's read: the blob's staged and committed block ids, and the staged block of id `id`. */
export const stagingState = (id: string): ChangeReadPart<StagingState> => ({
  columns: [
    `(SELECT coalesce(array_agg(block_id), '{}') FROM staged_blocks WHERE ${BLOB_WHERE}) AS staged_ids`,
    `(SELECT coalesce(array_agg(block_id), '{}') FROM blob_blocks WHERE ${BLOB_WHERE} AND block_id IS NOT NULL) AS committed_ids`,
    `(SELECT extent_ids FROM staged_blocks WHERE ${BLOB_WHERE} AND block_id = $5) AS replaced_extents`,
  ],
  parameters: [id],
  parse: (row) => ({
    stagedIds: row.staged_ids as string[],
    committedIds: row.committed_ids as string[],
    replacedExtents: (row.replaced_extents as string[] | null) ?? undefined,
  }),
});

/** Adds to `writes` the staging of a block, in the place of a staged block of the same id. */
export const stageBlock = (writes: WriteBatch, key: BlobKey, block: StoredBlock, now: Date): void =>
  writes.add(
    'staged_block',
    `INSERT INTO staged_blocks (account_name, account_incarnation, container_name, blob_name, block_id, size, extent_ids, staged_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8)
     ON CONFLICT (account_name, account_incarnation, container_name, blob_name, block_id)
     DO UPDATE SET size = EXCLUDED.size, extent_ids = EXCLUDED.extent_ids, staged_at = EXCLUDED.staged_at`,
    [...blobParams(key), block.id, block.size, block.extentIds, now],
  );
