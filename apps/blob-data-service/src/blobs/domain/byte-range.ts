import { blobError } from './blob.errors';

/** A byte range of a blob, both ends inclusive, as HTTP counts them. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const RANGE = /^bytes=(\d+)-(\d*)$/;

/**
 * The range a Get Blob asks for, resolved against the blob's size:
 * x-ms-range wins over Range. undefined = the whole blob. A malformed
 * x-ms-range is refused; a malformed Range is ignored (RFC 7233). A range
 * that starts at or after the end of the blob, or ends before it starts, is
 * InvalidRange (416). An end past the blob's end is cut to it.
 */
export const resolveByteRange = (msRange: string | undefined, range: string | undefined, size: number): ByteRange | undefined => {
  const header = msRange ?? range;
  if (header === undefined) return undefined;
  const match = RANGE.exec(header.trim());
  if (!match) {
    if (msRange !== undefined) throw blobError('InvalidRange', `The range '${msRange}' is not of the form bytes=start-end.`);
    return undefined;
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Number(match[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start || start >= size) throw blobError('InvalidRange');
  return { start, end: Math.min(end, size - 1) };
};
