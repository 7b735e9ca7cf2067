import type { ContentSlice, ExtentSlice, StoredExtent } from '../../extents/stored-extent';
import { findExtents } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import { blobError } from '../domain/blob.errors';
import { coalescePages, pageSegments, type ByteSpan, type PageRange } from '../domain/page-ranges';
import type { BlobRecord } from './blob-record';
import type { BlobKey } from './blob-keys';
import { committedBlocksForReading, type BlockLayout } from './block.repository';
import { pageRangesOfVersion } from './page.repository';

/** Page ranges read per query: a read of a blob of many small writes holds this many at a time. */
const PAGE_RANGES_PER_FETCH = 1_000;

const missing = (key: BlobKey, id: string) => new Error(`blob ${key.account}/${key.container}/${key.blob} references missing extent ${id}`);

/** A page blob version, read without its ranges pinned (more than PINNED_PAGE_RANGES): they are fetched as the read goes. */
interface PageBlobVersion {
  readonly key: BlobKey;
  readonly etag: string;
}

/**
 * The next batch of the version's ranges from `span.start` on. A write since
 * the read began ends the read, before a byte of the new version is read:
 * 503, so the client retries (on a response already under way, the cut
 * connection; the SDK then asks again If-Match the ETag it started with).
 */
const nextRanges = async (store: RegionStore, version: PageBlobVersion, span: ByteSpan): Promise<PageRange[]> => {
  const ranges = await pageRangesOfVersion(store, version.key, version.etag, span, PAGE_RANGES_PER_FETCH);
  if (!ranges) throw blobError('ServerBusy', 'The blob changed while it was being read. Please retry.');
  return ranges;
};

/**
 * The extent slices holding bytes [start, end) of a block or append blob,
 * in order: only the blocks overlapping the range are read (unless `layout`
 * already holds them), and of their extents only the parts inside it.
 */
async function* blockSlices(store: RegionStore, key: BlobKey, start: number, end: number, layout?: BlockLayout): AsyncGenerator<ExtentSlice> {
  const { blocks, extents } = layout ?? (await committedBlocksForReading(store, key, { start, end }));
  for (const block of blocks) {
    let offset = block.offset;
    for (const id of block.extentIds) {
      const extent = extents.get(id);
      if (!extent) throw missing(key, id);
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end, offset + extent.size) - offset;
      if (to > from) yield { extent, from, to };
      offset += extent.size;
    }
  }
}

/**
 * Bytes [start, end) of a page blob: the written ranges overlapping them
 * (`pinned`, read with the blob's row, or else fetched a batch at a time),
 * zeros between.
 */
async function* pageSlices(store: RegionStore, version: PageBlobVersion, start: number, end: number, pinned?: readonly PageRange[]): AsyncGenerator<ContentSlice> {
  const { key } = version;
  for (let at = start; at < end; ) {
    const ranges = pinned ?? (await nextRanges(store, version, { start: at, end }));
    const upTo = !pinned && ranges.length === PAGE_RANGES_PER_FETCH ? Math.min(end, ranges[ranges.length - 1].end) : end;
    const segments = pageSegments(ranges, at, upTo);
    const extents = await findExtents(store, segments.flatMap((s) => ('extentId' in s ? [s.extentId] : [])));
    for (const segment of segments) {
      if (!('extentId' in segment)) yield segment;
      else {
        const extent = extents.get(segment.extentId);
        if (!extent) throw missing(key, segment.extentId);
        yield { extent, from: segment.from, to: segment.to };
      }
    }
    at = upTo;
  }
}

/**
 * A page blob's written spans within `span`, in order, adjacent ranges
 * merged and clipped to it (`pinned` with the blob's row, or else read a
 * batch at a time, of the version `etag` names).
 */
export async function* writtenSpans(
  store: RegionStore,
  key: BlobKey,
  { etag }: Pick<BlobRecord, 'etag'>,
  span: ByteSpan,
  pinned?: readonly PageRange[],
): AsyncGenerator<ByteSpan> {
  let open: ByteSpan | undefined;
  for (let at = span.start; at < span.end; ) {
    const ranges = pinned ?? (await nextRanges(store, { key, etag }, { start: at, end: span.end }));
    // Merged within the batch; the first may carry on the last one of the batch before.
    for (const written of coalescePages(ranges, span.start, span.end)) {
      if (open && open.end === written.start) open = { start: open.start, end: written.end };
      else {
        if (open) yield open;
        open = written;
      }
    }
    at = !pinned && ranges.length === PAGE_RANGES_PER_FETCH ? ranges[ranges.length - 1].end : span.end;
  }
  if (open) yield open;
}

/** What a read took with the blob's row (findBlobWithContent), covering (at least) the range it reads. */
export interface PinnedContent {
  /** A block or append blob's blocks. */
  readonly layout?: BlockLayout;
  /** A page blob's written ranges. */
  readonly pages?: readonly PageRange[];
}

/**
 * What bytes [start, end) of the blob are made of, in order, whatever its
 * type (read as the consumer goes, unless `pinned` with its row).
 */
export const blobSlices = (
  store: RegionStore,
  key: BlobKey,
  blob: Pick<BlobRecord, 'blobType' | 'etag'>,
  start: number,
  end: number,
  pinned: PinnedContent = {},
): AsyncIterable<ContentSlice> =>
  blob.blobType === 'PageBlob' ? pageSlices(store, { key, etag: blob.etag }, start, end, pinned.pages) : blockSlices(store, key, start, end, pinned.layout);

/** A whole extent as one slice (e.g. metadata). */
export const wholeExtent = (extent: StoredExtent): ExtentSlice[] => [{ extent, from: 0, to: extent.size }];
