import type { Response } from 'express';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { writeHeaders } from '../../../blob-rest/response-headers';
import type { ExtentTarget, WrittenData } from '../../../extents/extent-writer';
import type { Conditions } from '../../domain/conditions';
import { checkContentMd5 } from '../../domain/content-md5';
import type { ByteSpan } from '../../domain/page-ranges';
import type { BlobRecord } from '../../store/blob-record';
import { writePages } from '../../store/page-write';
import { blobChangeOf, commitOrDiscard } from '../blob-writes';

/**
 * Writes stored data over the page span (or, without data, clears it), its
 * MD5 checked first (Md5Mismatch); the extents are discarded if the write
 * is refused.
 */
export const commitPages = (request: BlobRequest, conditions: Conditions, span: ByteSpan, data: WrittenData | undefined, expectedMd5: Buffer | undefined): Promise<BlobRecord> =>
  commitOrDiscard(request.store, data?.rows ?? [], async () => {
    if (data) checkContentMd5(expectedMd5, data.md5);
    return writePages(request.store, { ...blobChangeOf(request, conditions), span, data });
  });

/** 201 with the new ETag and time, the sequence number and, for an update, the pages' MD5. */
export const answerPagesWritten = (response: Response, blob: BlobRecord, target: Omit<ExtentTarget, 'kind'>, data: WrittenData | undefined): void => {
  response
    .status(201)
    .set({
      ...writeHeaders(blob.etag, blob.lastModified, target.encrypt),
      'x-ms-blob-sequence-number': String(blob.sequenceNumber),
      ...(data ? { 'Content-MD5': data.md5.toString('base64') } : {}),
    })
    .end();
};
