import type { BlobRequest } from '../../blob-rest/blob-request';
import { md5Header } from '../../blob-rest/request-headers';
import { blobError } from '../domain/blob.errors';
import { resolveByteRange } from '../domain/byte-range';
import { MAX_UPLOAD_BYTES } from '../domain/limits';
import type { ByteSpan } from '../domain/page-ranges';
import type { CopyFrom } from './copy-blob/copy-content';

/** A "From URL" write takes its bytes from the source, never from a body (400 otherwise, nothing read). */
export const requireNoBody = (request: BlobRequest): void => {
  const length = request.header('content-length');
  if (length !== undefined && length !== '0')
    throw blobError('InvalidHeaderValue', 'A "From URL" write takes its data from x-ms-copy-source: Content-Length must be 0.');
};

/** Source bytes one "From URL" write may take: atrest's cap on a Put Blob or Put Block body (RequestBodyTooLarge). */
export const checkSourceLength = (length: number): void => {
  if (length > MAX_UPLOAD_BYTES)
    throw blobError('RequestBodyTooLarge', `A "From URL" write copies at most ${MAX_UPLOAD_BYTES} bytes here (atrest's cap on one Put Blob or Put Block); the source gives ${length}.`);
};

/** x-ms-source-content-md5: the MD5 the source's bytes must have. */
export const sourceMd5 = (request: BlobRequest): Buffer | undefined => md5Header(request, 'x-ms-source-content-md5');

/**
 * The source bytes a From URL write takes: x-ms-source-range (bytes=start-end,
 * both inclusive; 416 InvalidRange outside the source), else all of them.
 */
export const sourceSpan = (request: BlobRequest, from: CopyFrom): ByteSpan => {
  const header = request.header('x-ms-source-range');
  if (header === undefined) return { start: 0, end: from.blob.size };
  const range = resolveByteRange(header, undefined, from.blob.size)!;
  return { start: range.start, end: range.end + 1 };
};
