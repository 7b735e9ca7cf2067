import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { writeHeaders } from '../../../blob-rest/response-headers';
import { DataKeys } from '../../../keys/data-keys';
import { parseConditions } from '../../domain/conditions';
import { parseMetadata } from '../../domain/metadata';
import { changeBlobProperties } from '../../store/blob-properties';
import { writeMetadataExtent } from '../../store/blob-metadata';
import { blobChangeOf, extentTargetOf } from '../blob-writes';

/**
 * Set Blob Metadata: the x-ms-meta-* pairs replace the blob's (none clears
 * them), stored as a new metadata extent sealed by the account's SSE state of
 * now; the blob reports server-encrypted only if its data is encrypted too.
 */
@Injectable()
export class SetBlobMetadataOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'metadata', writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    // No preflight: the metadata extent stays in memory until the commit, which checks everything.
    const target = extentTargetOf(request, this.keys);
    const metadataExtent = await writeMetadataExtent(target, metadata);
    const blob = await changeBlobProperties(request.store, {
      ...blobChangeOf(request, conditions),
      metadataExtent,
    });
    response.status(200).set(writeHeaders(blob.etag, blob.lastModified, target.encrypt)).end();
  }
}
