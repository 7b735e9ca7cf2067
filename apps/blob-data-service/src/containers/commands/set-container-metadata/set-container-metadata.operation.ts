import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { parseConditions } from '../../../blobs/domain/conditions';
import { parseMetadata } from '../../../blobs/domain/metadata';
import { updateContainerMetadata } from '../../../blobs/store/container.repository';
import { changeContainer } from '../container-change';

/**
 * Set Container Metadata: the x-ms-meta-* pairs replace the container's
 * (none clears them), with a new ETag and ContainerMetadataSet in the same
 * transaction (changeContainer); its blobs are untouched. Of the
 * conditional headers only If-Modified-Since applies, as in Azure (the SDK
 * refuses to send the others, "ignored by the blob service"); a lease does
 * not stop it, but a lease id given must be the active lease's.
 */
@Injectable()
export class SetContainerMetadataOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['PUT'], restype: 'container', comp: 'metadata', writes: true, sas: { permissions: 'w', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const { ifModifiedSince, leaseId } = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const etag = await changeContainer(request, { ifModifiedSince, leaseId }, 'ContainerMetadataSet', (manager, key, newEtag) =>
      updateContainerMetadata(manager, key, { etag: newEtag, lastModified: request.now, metadata }),
    );
    response.status(200).set({ ETag: etag, 'Last-Modified': httpDate(request.now) }).end();
  }
}
