import type { WriteBatch } from '../../region-stores/write-batch';
import { overwritePages, type ByteSpan, type PageRange } from '../domain/page-ranges';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';
import type { ChangeReadPart } from './change-read';
import { insertPageRanges } from './page.repository';

/** What writing over a span of a page blob starts from. */
export interface SpanState {
  readonly span: ByteSpan;
  /** The ranges overlapping the span, in order, and whether their extents are encrypted (null: no such extent row). */
  readonly overlapping: ReadonlyArray<PageRange & { readonly encrypted: boolean | null }>;
  /** Extents of those ranges that ranges outside the span use too. */
  readonly usedOutside: ReadonlySet<string>;
}

/** Part of a change's read (Put Page, clear, shrink): the blob's ranges overlapping `span`, and which of their extents ranges outside it use. */
export const spanState = (span: ByteSpan): ChangeReadPart<SpanState> => ({
  ctes: [
    // Ranges never overlap, so the scan starts at the last range beginning at or before the span.
    `overlapping_pages AS (SELECT start_offset, end_offset, extent_id, extent_offset FROM page_ranges WHERE ${BLOB_WHERE}
       AND start_offset < $6 AND end_offset > $5
       AND start_offset >= coalesce((SELECT max(start_offset) FROM page_ranges WHERE ${BLOB_WHERE} AND start_offset <= $5), 0))`,
  ],
  columns: [
    `(SELECT coalesce(json_agg(json_build_object('start', o.start_offset, 'end', o.end_offset, 'extentId', o.extent_id, 'extentOffset', o.extent_offset, 'encrypted', e.encrypted)
        ORDER BY o.start_offset), '[]') FROM overlapping_pages o LEFT JOIN extents e ON e.id = o.extent_id) AS overlapping_pages`,
    `(SELECT coalesce(array_agg(DISTINCT extent_id), '{}') FROM page_ranges WHERE ${BLOB_WHERE}
        AND extent_id IN (SELECT extent_id FROM overlapping_pages) AND NOT (start_offset < $6 AND end_offset > $5)) AS pages_used_outside`,
  ],
  parameters: [span.start, span.end],
  parse: (row) => ({
    span,
    overlapping: row.overlapping_pages as SpanState['overlapping'],
    usedOutside: new Set(row.pages_used_outside as string[]),
  }),
});

/** A span of a page blob written over (or cleared): the ranges it removes and adds, and what follows for its extents. */
export interface PageOverwrite {
  readonly removed: readonly PageRange[];
  readonly added: readonly PageRange[];
  /** Extents no range of the blob uses any more. */
  readonly unreferenced: readonly string[];
  /** Whether the extents of the ranges added are encrypted (of those that have a row). */
  readonly addedEncrypted: readonly boolean[];
}

/**
 * Writes `written` (new extents, encrypted or not) over the span (or clears
 * it when there is nothing written): overlapping ranges are cut back to
 * what lies outside the span.
 */
export const overwriteOf = (state: SpanState, written: ReadonlyArray<PageRange & { readonly encrypted: boolean }> = []): PageOverwrite => {
  const { removed, added } = overwritePages(state.overlapping, state.span, written);
  const encrypted = new Map([...state.overlapping, ...written].map((r) => [r.extentId, r.encrypted]));
  const used = new Set([...state.usedOutside, ...added.map((r) => r.extentId)]);
  return {
    removed,
    added,
    unreferenced: [...new Set(removed.map((r) => r.extentId))].filter((id) => !used.has(id)),
    addedEncrypted: added.flatMap((r) => encrypted.get(r.extentId) ?? []),
  };
};

/** Adds to `writes` an overwrite's ranges in the place of those it removes (its unreferenced extents are the caller's to delete). */
export const replacePageRanges = (writes: WriteBatch, key: BlobKey, overwrite: PageOverwrite): void => {
  // An added range may start where a removed one did: it takes that row's place (one statement may not delete and insert one key).
  const replaced = new Set(overwrite.added.map((r) => r.start));
  const gone = overwrite.removed.filter((r) => !replaced.has(r.start));
  if (gone.length > 0)
    writes.add('removed_pages', `DELETE FROM page_ranges WHERE ${BLOB_WHERE} AND start_offset = ANY($5::bigint[])`, [...blobParams(key), gone.map((r) => r.start)]);
  insertPageRanges(writes, key, overwrite.added);
};
