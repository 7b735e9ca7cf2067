import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import type { WriteBatch } from '../../region-stores/write-batch';
import type { ByteSpan, PageRange } from '../domain/page-ranges';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';

type Db = EntityManager | RegionStore;

export interface PageRow {
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
 * The blob's written ranges overlapping bytes [start, end) (SQL), in order,
 * at most `limit`. Ranges never overlap, so the scan starts at the last
 * range beginning at or before the span.
 */
const overlappingRanges = (start: string, end: string, limit: string): string =>
  `SELECT start_offset, end_offset, extent_id, extent_offset FROM page_ranges WHERE ${BLOB_WHERE}
     AND start_offset < ${end} AND end_offset > ${start}
     AND start_offset >= coalesce((SELECT max(start_offset) FROM page_ranges WHERE ${BLOB_WHERE} AND start_offset <= ${start}), 0)
   ORDER BY start_offset LIMIT ${limit}`;

/**
 * Ranges a read takes with the blob's row, so that it reads one version
 * whatever is written meanwhile (docs/adr/0006, "Reads while a blob
 * changes"); a read over more of them fetches its ranges as it goes.
 */
export const PINNED_PAGE_RANGES = 5_000;

/** The ranges overlapping bytes [start, end) as a JSON array of PageRows (SQL), at most `limit`. */
const rangesJson = (start: string, end: string, limit: string): string =>
  `(SELECT coalesce(json_agg(p ORDER BY p.start_offset), '[]') FROM (${overlappingRanges(start, end, limit)}) p)`;

/** The ranges overlapping bytes [start, end) as JSON (`pinnedPagesOf` reads it): at most one more than PINNED_PAGE_RANGES. */
export const pinnedPagesJson = (start: string, end: string): string => rangesJson(start, end, String(PINNED_PAGE_RANGES + 1));

/**
 * The ranges of the blob's version `etag` overlapping `span`, at most
 * `limit`, or undefined once the blob is at another version (or gone): how
 * a read over more than PINNED_PAGE_RANGES fetches them as it goes without
 * mixing versions.
 */
export const pageRangesOfVersion = async (db: Db, key: BlobKey, etag: string, span: ByteSpan, limit: number): Promise<PageRange[] | undefined> => {
  const [row] = await db.query<Array<{ pages: PageRow[] }>>(`SELECT ${rangesJson('$5', '$6', '$7')} AS pages FROM blobs WHERE ${BLOB_WHERE} AND etag = $8`, [
    ...blobParams(key),
    span.start,
    span.end,
    limit,
    etag,
  ]);
  return row?.pages.map(rangeOf);
};

/** The ranges pinnedPagesJson read, when they are all of those in its span. */
export const pinnedPagesOf = (rows: PageRow[] | null): PageRange[] | undefined => (rows && rows.length <= PINNED_PAGE_RANGES ? rows.map(rangeOf) : undefined);

/** Adds to `writes` the insert of ranges of the blob, each in the place of a row starting where it does, if any. */
export const insertPageRanges = (writes: WriteBatch, key: BlobKey, ranges: readonly PageRange[]): void => {
  if (ranges.length === 0) return;
  writes.add(
    'new_pages',
    `INSERT INTO page_ranges (account_name, account_incarnation, container_name, blob_name, start_offset, end_offset, extent_id, extent_offset)
     SELECT $1, $2, $3, $4, r.start_offset, r.end_offset, r.extent_id, r.extent_offset
       FROM unnest($5::bigint[], $6::bigint[], $7::uuid[], $8::int[]) AS r(start_offset, end_offset, extent_id, extent_offset)
     ON CONFLICT (account_name, account_incarnation, container_name, blob_name, start_offset)
     DO UPDATE SET end_offset = EXCLUDED.end_offset, extent_id = EXCLUDED.extent_id, extent_offset = EXCLUDED.extent_offset`,
    [...blobParams(key), ranges.map((r) => r.start), ranges.map((r) => r.end), ranges.map((r) => r.extentId), ranges.map((r) => r.extentOffset)],
  );
};
