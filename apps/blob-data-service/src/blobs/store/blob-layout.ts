import { EXTENT_COLUMNS, storedExtentsOf, type ExtentRow } from '../../extents/extent.repository';
import type { StoredExtent } from '../../extents/stored-extent';
import type { StoredBlock } from '../domain/block-list';
import { BLOB_WHERE } from './blob-keys';
import type { CommittedBlock } from './block.repository';
import type { ChangeReadPart } from './change-read';

/** A blob's layout as it was before a commit or delete removed it. */
export interface RemovedLayout {
  /** Committed blocks, in blob order. */
  readonly committed: readonly CommittedBlock[];
  /** Staged blocks, by id. */
  readonly staged: ReadonlyMap<string, StoredBlock>;
  /** The extents its page ranges used. */
  readonly pageExtents: readonly string[];
  /** What reads need of the extents of its blocks (committed and staged), when asked for. */
  readonly blockExtents: ReadonlyMap<string, StoredExtent>;
}

interface LayoutRow {
  removed_committed: Array<{ block_id: string | null; blob_offset: number; size: number; extent_ids: string[] }>;
  removed_staged: Array<{ block_id: string; size: number; extent_ids: string[] }>;
  removed_page_extents: string[];
  removed_block_extents?: ExtentRow[];
}

/**
 * Part of a change's read (commit, delete) that removes the blob's
 * committed blocks, staged blocks and page ranges and returns what they
 * were (with their blocks' extents when `withBlockExtents`): a commit
 * resolves its new content against them and deletes the extents nothing
 * uses any more; a delete deletes them all. The change's writes, a later
 * statement, may then insert rows of the same keys.
 */
export const removedLayout = ({ withBlockExtents = false } = {}): ChangeReadPart<RemovedLayout> => ({
  ctes: [
    `removed_blocks AS (DELETE FROM blob_blocks WHERE ${BLOB_WHERE} RETURNING ordinal, block_id, blob_offset, size, extent_ids)`,
    `removed_staged_blocks AS (DELETE FROM staged_blocks WHERE ${BLOB_WHERE} RETURNING block_id, size, extent_ids, staged_at)`,
    `removed_pages AS (DELETE FROM page_ranges WHERE ${BLOB_WHERE} RETURNING extent_id)`,
  ],
  columns: [
    `(SELECT coalesce(json_agg(c ORDER BY c.ordinal), '[]') FROM removed_blocks c) AS removed_committed`,
    `(SELECT coalesce(json_agg(s ORDER BY s.staged_at, s.block_id), '[]') FROM removed_staged_blocks s) AS removed_staged`,
    `(SELECT coalesce(array_agg(DISTINCT extent_id), '{}') FROM removed_pages) AS removed_page_extents`,
    ...(withBlockExtents
      ? [
          `(SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${EXTENT_COLUMNS}
              WHERE e.id IN (SELECT unnest(extent_ids) FROM removed_blocks UNION SELECT unnest(extent_ids) FROM removed_staged_blocks)) x) AS removed_block_extents`,
        ]
      : []),
  ],
  parse: (row) => {
    const layout = row as unknown as LayoutRow;
    return {
      committed: layout.removed_committed.map((b) => ({ id: b.block_id, offset: Number(b.blob_offset), size: Number(b.size), extentIds: b.extent_ids })),
      staged: new Map(layout.removed_staged.map((b) => [b.block_id, { id: b.block_id, size: Number(b.size), extentIds: b.extent_ids }])),
      pageExtents: layout.removed_page_extents,
      blockExtents: storedExtentsOf(layout.removed_block_extents ?? []),
    };
  },
});

/** Every extent a removed layout used. */
export const extentsOf = (layout: RemovedLayout): string[] => [
  ...layout.committed.flatMap((b) => b.extentIds),
  ...[...layout.staged.values()].flatMap((b) => b.extentIds),
  ...layout.pageExtents,
];
