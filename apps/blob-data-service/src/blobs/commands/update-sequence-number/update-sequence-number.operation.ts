import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobChangeOf } from '../blob-writes';
import { blobTypeHeaders, httpDate } from '../../../blob-rest/response-headers';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { parseSequenceNumber } from '../../domain/page-ranges';
import { changeBlobProperties } from '../../store/blob-properties';

/**
 * Update Sequence Number (Set Blob Properties with
 * x-ms-sequence-number-action) of a page blob: max (the larger of the two),
 * update (the given one) or increment.
 */
@Injectable()
export class UpdateSequenceNumberOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'properties', headers: ['x-ms-sequence-number-action'], writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const action = request.header('x-ms-sequence-number-action')!.toLowerCase();
    const given = parseSequenceNumber(request.header('x-ms-blob-sequence-number'));
    const next = new Map<string, (current: number) => number>([
      ['max', (current) => Math.max(current, given!)],
      ['update', () => given!],
      ['increment', (current) => current + 1],
    ]).get(action);
    if (!next) throw blobError('InvalidHeaderValue', 'x-ms-sequence-number-action must be max, update or increment.');
    if (action !== 'increment' && given === undefined) throw blobError('MissingRequiredHeader', `x-ms-blob-sequence-number is required for the action ${action}.`);
    const blob = await changeBlobProperties(request.store, {
      ...blobChangeOf(request, parseConditions(request.header)),
      sequenceNumber: next,
    });
    response
      .status(200)
      .set({ ETag: blob.etag, 'Last-Modified': httpDate(blob.lastModified), ...blobTypeHeaders(blob) })
      .end();
  }
}
