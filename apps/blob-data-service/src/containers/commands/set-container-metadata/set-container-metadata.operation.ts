import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { containerKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { blobError } from '../../../blobs/domain/blob.errors';
import { evaluateConditions, parseConditions } from '../../../blobs/domain/conditions';
import { newEtag } from '../../../blobs/domain/etag';
import { checkLeaseAccess } from '../../../blobs/domain/lease';
import { parseMetadata } from '../../../blobs/domain/metadata';
import { containerStreamId } from '../../../blobs/store/blob-keys';
import { publishChange } from '../../../blobs/store/change-events';
import { findContainer, updateContainerMetadata } from '../../../blobs/store/container.repository';

/**
 * Set Container Metadata: the x-ms-meta-* pairs replace the container's
 * (none clears them), with a new ETag and ContainerMetadataSet in the same
 * transaction; its blobs are untouched. Of the conditional headers only
 * If-Modified-Since applies, as in Azure (the SDK refuses to send the
 * others, "ignored by the blob service"); a lease does not stop it, but a
 * lease id given must be the active lease's.
 */
@Injectable()
export class SetContainerMetadataOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['PUT'], restype: 'container', comp: 'metadata', writes: true, sas: { permissions: 'w', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const { ifModifiedSince, leaseId } = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const key = containerKeyOf(request);
    const etag = newEtag();
    await request.store.transaction(async (manager) => {
      const container = await findContainer(manager, key, 'update');
      if (!container) throw blobError('ContainerNotFound');
      checkLeaseAccess(leaseId, container.lease, new Date(), 'read', 'Container');
      evaluateConditions({ ifModifiedSince }, container, 'write');
      await updateContainerMetadata(manager, key, { etag, lastModified: request.now, metadata });
      await publishChange(
        manager,
        containerStreamId(key),
        { type: 'ContainerMetadataSet', data: { accountName: key.account, containerName: key.container, region: request.store.region, etag, lastModified: request.now.toISOString() } },
        request.now,
        request.eventMetadata,
      );
    });
    response.status(200).set({ ETag: etag, 'Last-Modified': httpDate(request.now) }).end();
  }
}
