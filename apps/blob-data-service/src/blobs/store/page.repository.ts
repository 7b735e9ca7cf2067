import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import { overwritePages, type ByteSpan, type PageRange } from '../domain/page-ranges';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';

type Db = EntityManager | RegionStore;

interface PageRow {
  start_offset: string;
  end_offset: string;
  extent_id: string;
  extent_offset: number;
}

const rangeOf = (row: PageRow): PageRange => ({
  start: Number(row.start_offset),
  end: Number(row.end_offset),
  extentId: row.extent_id,
  extentOffset: row.extent_offset,
});

/**
 * The blob's written ranges overlapping `span` (default: all), in order, at
 * most `limit` of them. Ranges never overlap, so the scan starts at the
 * last range beginning at or before the span.
 */
export const pageRanges = async (db: Db, key: BlobKey, span: ByteSpan = { start: 0, end: Number.MAX_SAFE_INTEGER }, limit?: number): Promise<PageRange[]> => {
  const rows = await db.query<PageRow[]>(
    `SELECT start_offset, end_offset, extent_id, extent_offset FROM page_ranges WHERE ${BLOB_WHERE}
       AND start_offset < $6 AND end_offset > $5
       AND start_offset >= coalesce((SELECT max(start_offset) FROM page_ranges WHERE ${BLOB_WHERE} AND start_offset <= $5), 0)
     ORDER BY start_offset LIMIT $7`,
    [...blobParams(key), span.start, span.end, limit ?? null],
  );
  return rows.map(rangeOf);
};

export const insertPageRanges = async (manager: EntityManager, key: BlobKey, ranges: readonly PageRange[]): Promise<void> => {
  if (ranges.length === 0) return;
  await manager.query(
    `INSERT INTO page_ranges (account_name, account_incarnation, container_name, blob_name, start_offset, end_offset, extent_id, extent_offset)
     SELECT $1, $2, $3, $4, r.start_offset, r.end_offset, r.extent_id, r.extent_offset
       FROM unnest($5::bigint[], $6::bigint[], $7::uuid[], $8::int[]) AS r(start_offset, end_offset, extent_id, extent_offset)`,
    [...blobParams(key), ranges.map((r) => r.start), ranges.map((r) => r.end), ranges.map((r) => r.extentId), ranges.map((r) => r.extentOffset)],
  );
};

/**
 * Writes `written` over `span` (or clears it when there is nothing
 * written): overlapping ranges are cut back to what lies outside the span.
 * Returns the extents no range of the blob uses any more (the caller deletes them).
 */
export const overwritePageRanges = async (manager: EntityManager, key: BlobKey, span: ByteSpan, written: readonly PageRange[] = []): Promise<string[]> => {
  const { removed, added } = overwritePages(await pageRanges(manager, key, span), span, written);
  if (removed.length > 0)
    await manager.query(`DELETE FROM page_ranges WHERE ${BLOB_WHERE} AND start_offset = ANY($5::bigint[])`, [...blobParams(key), removed.map((r) => r.start)]);
  await insertPageRanges(manager, key, added);
  return unreferenced(manager, key, removed.map((r) => r.extentId));
};

/** Cuts the blob to `size` bytes: ranges past it go, one across it is shortened. Returns the extents no longer used. */
export const truncatePageRanges = (manager: EntityManager, key: BlobKey, size: number): Promise<string[]> =>
  overwritePageRanges(manager, key, { start: size, end: Number.MAX_SAFE_INTEGER });

/** Of `candidates`, the extents no range of the blob references. */
const unreferenced = async (manager: EntityManager, key: BlobKey, candidates: readonly string[]): Promise<string[]> => {
  const unique = [...new Set(candidates)];
  if (unique.length === 0) return [];
  const rows = await manager.query<{ extent_id: string }[]>(
    `SELECT DISTINCT extent_id FROM page_ranges WHERE extent_id = ANY($5::uuid[]) AND ${BLOB_WHERE}`,
    [...blobParams(key), unique],
  );
  const used = new Set(rows.map((r) => r.extent_id));
  return unique.filter((id) => !used.has(id));
};
