import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { encodeMarker } from '../../../blob-rest/listing';
import { httpDate } from '../../../blob-rest/response-headers';
import { element, sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import { requireBlobOfType } from '../../domain/blob-type';
import { resolveByteRange } from '../../domain/byte-range';
import { checkBlobAccess } from '../../domain/blob-access';
import { parseConditions } from '../../domain/conditions';
import { WHOLE_BLOB, type ByteSpan } from '../../domain/page-ranges';
import { writtenSpans } from '../../store/blob-content';
import { findBlobWithContent } from '../../store/blob.repository';
import { answerNotModified, requestedSpan } from '../read-blob';
import { pageListPageOf } from './page-list-page';

/**
 * Get Page Ranges (comp=pagelist): the written ranges of a page blob, whole
 * or within x-ms-range / Range, adjacent ones merged, both ends inclusive as
 * Azure lists them: <PageList><PageRange><Start/><End/></PageRange>...</PageList>.
 * With maxresults, a page of them and a <NextMarker> to go on from (empty
 * on the last page). The row and its ranges come in one statement (a blob
 * of very many ranges: its version checked at every further batch), so the
 * list is of the version whose ETag it answers.
 */
@Injectable()
export class GetPageRangesOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['GET'], comp: 'pagelist', writes: false, sas: { permissions: 'r', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const key = blobKeyOf(request);
    const found = await findBlobWithContent(request.store, key, requestedSpan(request) ?? WHOLE_BLOB);
    const blob = requireBlobOfType(found?.blob, 'PageBlob');
    if (checkBlobAccess(conditions, blob, 'read') === 'not-modified') {
      answerNotModified(response, blob);
      return;
    }
    const range = blob.size > 0 ? resolveByteRange(request.header('x-ms-range'), request.header('range'), blob.size) : undefined;
    const span = range ? { start: range.start, end: range.end + 1 } : { start: 0, end: blob.size };
    const { limit, from = span.start } = pageListPageOf(request);
    const listed: ByteSpan[] = [];
    let next: number | undefined;
    for await (const written of writtenSpans(request.store, key, blob, { start: Math.max(span.start, from), end: span.end }, found?.pages)) {
      if (listed.length === limit) {
        next = written.start;
        break;
      }
      listed.push(written);
    }
    const xml = listed.map((r) => `<PageRange>${element('Start', r.start)}${element('End', r.end - 1)}</PageRange>`).join('');
    const nextMarker = limit === undefined ? '' : element('NextMarker', next === undefined ? '' : encodeMarker(String(next)));
    sendXml(response, 200, `${XML_DECLARATION}<PageList>${xml}${nextMarker}</PageList>`, {
      ETag: blob.etag,
      'Last-Modified': httpDate(blob.lastModified),
      'x-ms-blob-content-length': String(blob.size),
    });
  }
}
