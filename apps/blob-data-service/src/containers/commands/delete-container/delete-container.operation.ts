import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { containerKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { blobError } from '../../../blobs/domain/blob.errors';
import { evaluateConditions, parseConditions } from '../../../blobs/domain/conditions';
import { checkLeaseAccess } from '../../../blobs/domain/lease';
import { containerStreamId } from '../../../blobs/store/blob-keys';
import { publishChange } from '../../../blobs/store/change-events';
import { deleteContainerRows, findContainer } from '../../../blobs/store/container.repository';
import { retireExtents } from '../../../extents/extent.repository';

/**
 * Delete Container: the container, every blob in it and their extents, with
 * ContainerDeleted, in one transaction (a commit into it waits, then finds it
 * gone). A container under an active lease goes only with its x-ms-lease-id.
 */
@Injectable()
export class DeleteContainerOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['DELETE'], restype: 'container', writes: true, sas: { permissions: 'd', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const key = containerKeyOf(request);
    await request.store.transaction(async (manager) => {
      const container = await findContainer(manager, key, 'update');
      if (!container) throw blobError('ContainerNotFound');
      checkLeaseAccess(conditions.leaseId, container.lease, new Date(), 'write', 'Container');
      evaluateConditions(conditions, container, 'write');
      await retireExtents(manager, await deleteContainerRows(manager, key));
      await publishChange(
        manager,
        containerStreamId(key),
        { type: 'ContainerDeleted', data: { accountName: key.account, containerName: key.container, region: request.store.region, deletedAt: request.now.toISOString() } },
        request.now,
        request.eventMetadata,
      );
    });
    response.status(202).end();
  }
}
