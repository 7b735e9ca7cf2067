import { readSlices, type ExtentSource } from '../../../extents/extent-reader';
import { ExtentWriter, type ExtentTarget, type WrittenData } from '../../../extents/extent-writer';
import { blobError } from '../../domain/blob.errors';
import { MAX_EXTENTS_PER_BLOB } from '../../domain/limits';
import { placeSpans, type ByteSpan } from '../../domain/page-ranges';
import type { BlobContent } from '../../store/blob-commit';
import { blobSlices, writtenSpans, type PinnedContent } from '../../store/blob-content';
import type { BlobRecord } from '../../store/blob-record';
import type { BlobKey } from '../../store/blob-keys';

/** The source blob of a copy, readable: where it is and how its extents open. */
export interface CopyFrom {
  readonly key: BlobKey;
  readonly blob: BlobRecord;
  /**
   * The source's whole layout or page ranges, read with `blob`: the copy is
   * of that version even if the source changes meanwhile (its extents stay
   * readable, retired, for the grace period).
   */
  readonly pinned: PinnedContent;
  readonly reading: Omit<ExtentSource, 'kind'>;
}

/** The source's bytes [start, end), decrypted (a page blob's unwritten pages as zeros), one slice at a time. */
export const sourceBytes = (from: CopyFrom, span: ByteSpan): AsyncIterable<Buffer> =>
  readSlices({ ...from.reading, kind: 'data' }, blobSlices(from.reading.store, from.key, from.blob, span.start, span.end, from.pinned));

/**
 * Copies the source's content into new extents of the destination, sealed
 * as the destination's account says (the seed's "copy" path: a copy into an
 * account with SSE on is encrypted, whatever the source was). Streams: one
 * source slice and one destination extent in memory at a time. A page blob
 * copies only its written pages. On failure the extents written are deleted
 * (ExtentWriter.writeAll); after success the caller commits or discards them.
 */
export const copyContent = async (from: CopyFrom, to: Omit<ExtentTarget, 'kind'>): Promise<{ content: BlobContent; data: WrittenData }> => {
  const writer = new ExtentWriter({ ...to, kind: 'data' });
  const read = (span: ByteSpan) => sourceBytes(from, span);
  const { blob } = from;
  if (blob.blobType !== 'PageBlob') {
    const data = await writer.writeAll(read({ start: 0, end: blob.size }));
    const blocks =
      blob.blobType === 'BlockBlob'
        ? data.size > 0
          ? [{ id: null, size: data.size, extentIds: data.extents.map((e) => e.extentId) }]
          : []
        : data.extents.map((e) => ({ id: null, size: e.size, extentIds: [e.extentId] }));
    return { content: { blobType: blob.blobType, blocks }, data };
  }
  const spans: ByteSpan[] = [];
  for await (const span of writtenSpans(from.reading.store, from.key, blob, { start: 0, end: blob.size }, from.pinned.pages)) {
    spans.push(span);
    if (spans.length > MAX_EXTENTS_PER_BLOB)
      throw blobError('BlockCountExceedsLimit', `atrest copies page blobs of at most ${MAX_EXTENTS_PER_BLOB} written ranges; this one has more.`);
  }
  const data = await writer.writeAll(
    (async function* () {
      for (const span of spans) yield* read(span);
    })(),
  );
  return { content: { blobType: 'PageBlob', size: blob.size, pages: placeSpans(spans, data.extents) }, data };
};
