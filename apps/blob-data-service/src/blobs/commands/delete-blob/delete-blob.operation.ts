import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { deleteExtents } from '../../../extents/extent.repository';
import { blobError } from '../../domain/blob.errors';
import { evaluateConditions, parseConditions } from '../../domain/conditions';
import { deleteBlobRow, findBlob } from '../../store/blob.repository';
import { blobStreamId } from '../../store/blob-keys';
import { committedBlocks, discardStagedBlocks, lockBlob } from '../../store/block.repository';
import { publishChange } from '../../store/change-events';
import { findContainer } from '../../store/container.repository';

/** Delete Blob: the blob, its staged blocks and every extent they used, with BlobDeleted, in one transaction. */
@Injectable()
export class DeleteBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['DELETE'], writes: true } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const key = blobKeyOf(request);
    await request.store.transaction(async (manager) => {
      if (!(await findContainer(manager, key, 'share'))) throw blobError('ContainerNotFound');
      await lockBlob(manager, key);
      const blob = await findBlob(manager, key);
      if (!blob) throw blobError('BlobNotFound');
      evaluateConditions(conditions, blob, 'write');
      const extents = [...(await committedBlocks(manager, key)).flatMap((b) => b.extentIds), ...(await discardStagedBlocks(manager, key))];
      await deleteBlobRow(manager, key);
      await deleteExtents(manager, [...new Set([...extents, ...(blob.metadataExtentId ? [blob.metadataExtentId] : [])])]);
      await publishChange(
        manager,
        blobStreamId(key),
        { type: 'BlobDeleted', data: { accountName: key.account, containerName: key.container, blobName: key.blob, region: request.store.region, deletedAt: request.now.toISOString() } },
        request.now,
        request.eventMetadata,
      );
    });
    response.status(202).end();
  }
}
