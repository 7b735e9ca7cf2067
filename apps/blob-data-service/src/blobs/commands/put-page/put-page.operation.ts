import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { md5Header, requireContentLength, requireEmptyBody } from '../../../blob-rest/request-headers';
import { ExtentWriter, type WrittenData } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { blobError } from '../../domain/blob.errors';
import { parsePageWriteConditions } from '../../domain/sequence-number-conditions';
import { MAX_PAGE_WRITE_BYTES } from '../../domain/limits';
import { parsePageWriteRange } from '../../domain/page-ranges';
import { extentTargetOf, preflightWriteTo } from '../blob-writes';
import { answerPagesWritten, commitPages } from './pages-written';

/**
 * Put Page (x-ms-page-write update or clear) on whole 512-byte pages inside
 * the blob (InvalidPageRange otherwise). Update: a body of exactly the
 * range's length, at most 4 MiB, stored as an extent (sealed when the
 * account encrypts); clear: no body, the pages read as zeros again. Ranges
 * and their size are checked before the body is read; the conditions,
 * x-ms-if-sequence-number-* among them, before it and again at the commit.
 */
@Injectable()
export class PutPageOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'page', writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const pageWrite = request.header('x-ms-page-write')?.toLowerCase();
    if (pageWrite === undefined) throw blobError('MissingRequiredHeader', 'The header x-ms-page-write is required.');
    if (pageWrite !== 'update' && pageWrite !== 'clear') throw blobError('InvalidHeaderValue', 'x-ms-page-write must be update or clear.');
    const length = pageWrite === 'update' ? requireContentLength(request, response, MAX_PAGE_WRITE_BYTES) : 0;
    if (pageWrite === 'clear') requireEmptyBody(request, response, 'clearing pages takes no body');
    const expectedMd5 = md5Header(request, 'content-md5');
    const conditions = parsePageWriteConditions(request.header);
    const existing = await preflightWriteTo(request, conditions, 'PageBlob');
    const span = parsePageWriteRange(request.header('x-ms-range'), request.header('range'), existing.size);
    if (pageWrite === 'update' && length !== span.end - span.start)
      throw blobError('InvalidPageRange', `The body (${length} bytes) must be exactly the page range's ${span.end - span.start} bytes.`);

    const target = extentTargetOf(request, this.keys);
    const data: WrittenData | undefined = pageWrite === 'update' ? await new ExtentWriter({ ...target, kind: 'data' }).writeAll(request.http) : undefined;
    answerPagesWritten(response, await commitPages(request, conditions, span, data, expectedMd5), target, data);
  }
}
