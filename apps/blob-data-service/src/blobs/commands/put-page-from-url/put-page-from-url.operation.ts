import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { blobError } from '../../domain/blob.errors';
import { parsePageWriteConditions } from '../../domain/sequence-number-conditions';
import { MAX_PAGE_WRITE_BYTES } from '../../domain/limits';
import { parsePageWriteRange } from '../../domain/page-ranges';
import { extentTargetOf, preflightWriteTo } from '../blob-writes';
import { sourceBytes } from '../copy-blob/copy-content';
import { CopySources } from '../copy-sources';
import { requireNoBody, sourceMd5, sourceSpan } from '../from-url';
import { answerPagesWritten, commitPages } from '../put-page/pages-written';

/**
 * Put Page From URL (Put Page update with x-ms-copy-source): the source
 * blob's x-ms-source-range, read and decrypted, sealed by this account's
 * SSE state now, and written over the whole 512-byte pages x-ms-range names
 * (the same length, at most 4 MiB: InvalidPageRange, RequestBodyTooLarge),
 * as Put Page writes them (201).
 */
@Injectable()
export class PutPageFromUrlOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'page', headers: ['x-ms-copy-source'], writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(CopySources) private readonly sources: CopySources,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    if (request.header('x-ms-page-write')?.toLowerCase() !== 'update')
      throw blobError('InvalidHeaderValue', 'Put Page From URL writes pages: x-ms-page-write must be update.');
    if (request.header('x-ms-source-range') === undefined) throw blobError('MissingRequiredHeader', 'The header x-ms-source-range is required.');
    requireNoBody(request);
    const conditions = parsePageWriteConditions(request.header);
    const existing = await preflightWriteTo(request, conditions, 'PageBlob');
    const span = parsePageWriteRange(request.header('x-ms-range'), request.header('range'), existing.size);
    if (span.end - span.start > MAX_PAGE_WRITE_BYTES) throw blobError('RequestBodyTooLarge', `Put Page writes at most ${MAX_PAGE_WRITE_BYTES} bytes at a time.`);
    const { from } = await this.sources.open(request);
    const source = sourceSpan(request, from);
    if (source.end - source.start !== span.end - span.start)
      throw blobError('InvalidPageRange', `The source range (${source.end - source.start} bytes) must be exactly the page range's ${span.end - span.start} bytes.`);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(sourceBytes(from, source));
    answerPagesWritten(response, await commitPages(request, conditions, span, data, sourceMd5(request)), target, data);
  }
}
