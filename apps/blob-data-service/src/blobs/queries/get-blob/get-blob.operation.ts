import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { blobPropertyHeaders, sasResponseHeaders, setHeaders } from '../../../blob-rest/response-headers';
import { streamBody } from '../../../blob-rest/stream-body';
import { readSlices, readWhole } from '../../../extents/extent-reader';
import { DataKeys } from '../../../keys/data-keys';
import { resolveByteRange } from '../../domain/byte-range';
import { blobSlices } from '../../store/blob-content';
import { answerNotModified, blobForReading, requestedSpan } from '../read-blob';
import { wantsRangeMd5 } from './range-md5';

/** The chunks, their first read (and so authenticated) now, before the status line goes out. */
const firstAuthenticated = async (chunks: AsyncGenerator<Buffer>): Promise<AsyncIterable<Buffer>> => {
  const first = await chunks.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* chunks;
  })();
};

/**
 * Get Blob, whole or a range (x-ms-range / Range, 206), of any blob type
 * (a page blob's unwritten pages read as zeros): only the packages the
 * range touches are fetched and decrypted (a small blob's come with its
 * row: one statement in all). The first of them is authenticated before
 * the status line goes out, so tampering there is a clean 500; found
 * later, the connection is cut, never garbage bytes. A range asked for
 * with its MD5 (range-md5.ts) is read whole first.
 */
@Injectable()
export class GetBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['GET'], writes: false, sas: { permissions: 'r', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const { blob, outcome, metadata, committedBlockCount, layout, pages, source } = await blobForReading(request, this.keys, requestedSpan(request));
    if (outcome === 'not-modified') {
      answerNotModified(response, blob);
      return;
    }
    const range = resolveByteRange(request.header('x-ms-range'), request.header('range'), blob.size);
    const rangeMd5 = wantsRangeMd5(request.header, range);
    const [start, end] = range ? [range.start, range.end + 1] : [0, blob.size];
    const data = { ...source, kind: 'data' } as const;
    const slices = blobSlices(request.store, blobKeyOf(request), blob, start, end, { layout, pages });
    // A range's MD5 (4 MiB at most) needs the whole range before the headers; a stream, its first package.
    const body = rangeMd5 ? await readWhole(data, slices) : await firstAuthenticated(readSlices(data, slices));

    const md5 = blob.properties.contentMd5?.toString('base64');
    response.status(range ? 206 : 200);
    setHeaders(response, {
      ...blobPropertyHeaders(blob, metadata, committedBlockCount),
      ...sasResponseHeaders(request.sasGrant),
      'Content-Length': String(end - start),
      ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${blob.size}` } : {}),
      ...(md5 ? { [range ? 'x-ms-blob-content-md5' : 'Content-MD5']: md5 } : {}),
      ...(Buffer.isBuffer(body) ? { 'Content-MD5': createHash('md5').update(body).digest('base64') } : {}),
    });
    if (Buffer.isBuffer(body)) response.end(body);
    else await streamBody(response, body);
  }
}
