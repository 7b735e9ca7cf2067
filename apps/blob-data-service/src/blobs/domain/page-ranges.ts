import { blobError } from './blob.errors';
import { MAX_PAGE_BLOB_BYTES } from './limits';

// Page blobs (docs/adr/0006): a logical size in 512-byte pages, of which
// only written ranges are stored, each pointing into an extent. Ranges of
// one blob never overlap; unwritten pages read as zeros. Spans are
// half-open [start, end) here; Azure's headers and XML count both ends.

export const PAGE_BYTES = 512;

export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/** A written range: bytes [start, end) of the blob are extent bytes from extentOffset on. */
export interface PageRange extends ByteSpan {
  readonly extentId: string;
  readonly extentOffset: number;
}

/** What a read of a page blob yields, in order: stored bytes of an extent, or zeros for unwritten pages. */
export type PageSegment = { readonly extentId: string; readonly from: number; readonly to: number } | { readonly zeros: number };

const RANGE = /^bytes=(\d+)-(\d+)$/;

/**
 * The pages a Put Page names (x-ms-range wins over Range; one is required):
 * whole 512-byte pages inside the blob, else InvalidPageRange.
 */
export const parsePageWriteRange = (msRange: string | undefined, range: string | undefined, blobSize: number): ByteSpan => {
  const header = msRange ?? range;
  const match = header === undefined ? null : RANGE.exec(header.trim());
  const start = match ? Number(match[1]) : NaN;
  const end = match ? Number(match[2]) + 1 : NaN;
  if (!(start % PAGE_BYTES === 0 && end % PAGE_BYTES === 0 && end > start && end <= blobSize))
    throw blobError('InvalidPageRange', `The page range '${header ?? ''}' is invalid: it must be bytes=start-end of whole 512-byte pages inside the blob (${blobSize} bytes).`);
  return { start, end };
};

/** A page blob's size (x-ms-blob-content-length): a multiple of 512, at most atrest's cap. */
export const parsePageBlobSize = (value: string | undefined): number => {
  if (value === undefined) throw blobError('MissingRequiredHeader', 'The header x-ms-blob-content-length is required for a page blob.');
  const size = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(size % PAGE_BYTES === 0 && size <= MAX_PAGE_BLOB_BYTES))
    throw blobError('InvalidHeaderValue', `x-ms-blob-content-length must be a multiple of ${PAGE_BYTES} of at most ${MAX_PAGE_BLOB_BYTES} bytes (atrest's cap).`);
  return size;
};

/** x-ms-blob-sequence-number: 0 to 2^63 - 1 (kept as a safe integer here). */
export const parseSequenceNumber = (value: string | undefined, name = 'x-ms-blob-sequence-number'): number | undefined => {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw blobError('InvalidHeaderValue', `${name} must be a non-negative integer.`);
  return n;
};

/**
 * Writing (or clearing) `span` over the ranges that overlap it: those are
 * removed, the parts of them outside the span are kept (pointing further
 * into the same extent), and `written` (the new data, if any) is added.
 */
export const overwritePages = (overlapping: readonly PageRange[], span: ByteSpan, written: readonly PageRange[] = []): { removed: PageRange[]; added: PageRange[] } => {
  const kept: PageRange[] = [];
  for (const range of overlapping) {
    if (range.start < span.start) kept.push({ ...range, end: span.start });
    if (range.end > span.end) kept.push({ ...range, start: span.end, extentOffset: range.extentOffset + (span.end - range.start) });
  }
  return { removed: [...overlapping], added: [...kept, ...written].sort((a, b) => a.start - b.start) };
};

/** Every byte of a blob, whatever its size: the span a whole read or copy asks for. */
export const WHOLE_BLOB: ByteSpan = { start: 0, end: Number.MAX_SAFE_INTEGER };

/** What a page blob holds in [start, end), given its ranges overlapping it in order: data where written, zeros elsewhere. */
export const pageSegments = (ranges: readonly PageRange[], start: number, end: number): PageSegment[] => {
  const segments: PageSegment[] = [];
  let at = start;
  for (const range of ranges) {
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    if (to <= from) continue;
    if (from > at) segments.push({ zeros: from - at });
    segments.push({ extentId: range.extentId, from: range.extentOffset + (from - range.start), to: range.extentOffset + (to - range.start) });
    at = to;
  }
  if (end > at) segments.push({ zeros: end - at });
  return segments;
};

/** Written spans as Get Page Ranges lists them: adjacent ranges merged, cut to [start, end). */
export const coalescePages = (ranges: readonly ByteSpan[], start: number, end: number): ByteSpan[] => {
  const spans: Array<{ start: number; end: number }> = [];
  for (const range of ranges) {
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    if (to <= from) continue;
    const last = spans[spans.length - 1];
    if (last && last.end === from) last.end = to;
    else spans.push({ start: from, end: to });
  }
  return spans;
};

/**
 * Where spans written one after another into a stream of extents (of the
 * given sizes, in order) ended up: the ranges a copied page blob gets, a
 * span cut in two where an extent ends.
 */
export const placeSpans = (spans: readonly ByteSpan[], extents: ReadonlyArray<{ readonly extentId: string; readonly size: number }>): PageRange[] => {
  const ranges: PageRange[] = [];
  let extent = 0;
  let extentOffset = 0;
  for (const span of spans) {
    for (let at = span.start; at < span.end; ) {
      while (extentOffset === extents[extent]?.size) [extent, extentOffset] = [extent + 1, 0];
      const current = extents[extent];
      if (!current) throw new RangeError('the extents hold fewer bytes than the spans');
      const length = Math.min(span.end - at, current.size - extentOffset);
      ranges.push({ start: at, end: at + length, extentId: current.extentId, extentOffset });
      at += length;
      extentOffset += length;
    }
  }
  return ranges;
};
