import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { element, sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import { requireBlobOfType } from '../../domain/blob-type';
import { resolveByteRange } from '../../domain/byte-range';
import { checkBlobAccess } from '../../domain/blob-access';
import { parseConditions } from '../../domain/conditions';
import { coalescePages } from '../../domain/page-ranges';
import { findBlob } from '../../store/blob.repository';
import { pageRanges } from '../../store/page.repository';
import { answerNotModified } from '../read-blob';

/**
 * Get Page Ranges (comp=pagelist): the written ranges of a page blob, whole
 * or within x-ms-range / Range, adjacent ones merged, both ends inclusive as
 * Azure lists them: <PageList><PageRange><Start/><End/></PageRange>...</PageList>.
 */
@Injectable()
export class GetPageRangesOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['GET'], comp: 'pagelist', writes: false, sas: { permissions: 'r', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const key = blobKeyOf(request);
    const blob = requireBlobOfType(await findBlob(request.store, key), 'PageBlob');
    if (checkBlobAccess(conditions, blob, 'read') === 'not-modified') {
      answerNotModified(response, blob);
      return;
    }
    const range = blob.size > 0 ? resolveByteRange(request.header('x-ms-range'), request.header('range'), blob.size) : undefined;
    const span = range ? { start: range.start, end: range.end + 1 } : { start: 0, end: blob.size };
    const listed = coalescePages(await pageRanges(request.store, key, span), span.start, span.end);
    const xml = listed.map((r) => `<PageRange>${element('Start', r.start)}${element('End', r.end - 1)}</PageRange>`).join('');
    sendXml(response, 200, `${XML_DECLARATION}<PageList>${xml}</PageList>`, {
      ETag: blob.etag,
      'Last-Modified': httpDate(blob.lastModified),
      'x-ms-blob-content-length': String(blob.size),
    });
  }
}
