import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobChangeOf } from '../blob-writes';
import { contentPropertiesOf } from '../../../blob-rest/request-headers';
import { httpDate } from '../../../blob-rest/response-headers';
import { parseConditions } from '../../domain/conditions';
import { changeBlobProperties } from '../../store/blob-properties';

/** Set Blob Properties (HTTP headers): the x-ms-blob-* values replace the blob's; an absent one clears it, as in Azure. */
@Injectable()
export class SetBlobPropertiesOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'properties', writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const blob = await changeBlobProperties(request.store, {
      ...blobChangeOf(request, conditions),
      properties: contentPropertiesOf(request, false),
    });
    response.status(200).set({ ETag: blob.etag, 'Last-Modified': httpDate(blob.lastModified) }).end();
  }
}
