import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobChangeOf } from '../blob-writes';
import { blobTypeHeaders, httpDate } from '../../../blob-rest/response-headers';
import { parseConditions } from '../../domain/conditions';
import { parsePageBlobSize } from '../../domain/page-ranges';
import { changeBlobProperties } from '../../store/blob-properties';

/**
 * Resize (Set Blob Properties with x-ms-blob-content-length) of a page
 * blob: growing adds zero pages, shrinking drops the pages past the new end
 * (their extents go when nothing uses them). Other properties stay.
 */
@Injectable()
export class ResizePageBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'properties', headers: ['x-ms-blob-content-length'], writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const size = parsePageBlobSize(request.header('x-ms-blob-content-length'));
    const blob = await changeBlobProperties(request.store, {
      ...blobChangeOf(request, parseConditions(request.header)),
      size,
    });
    response
      .status(200)
      .set({ ETag: blob.etag, 'Last-Modified': httpDate(blob.lastModified), ...blobTypeHeaders(blob) })
      .end();
  }
}
