import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { deleteExtents } from '../../../extents/extent.repository';
import { parseConditions } from '../../domain/conditions';
import { deleteBlobRow } from '../../store/blob.repository';
import { extentsOf, removeLayout } from '../../store/blob-layout';
import { blobStreamId } from '../../store/blob-keys';
import { publishChange } from '../../store/change-events';
import { openExistingForChange } from '../../store/open-for-change';

/**
 * Delete Blob: the blob, its blocks or pages, staged blocks and every extent
 * they used, with BlobDeleted, in one transaction (extent files removed after it).
 */
@Injectable()
export class DeleteBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['DELETE'], writes: true } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const key = blobKeyOf(request);
    await request.store.transaction(async (manager, after) => {
      const blob = await openExistingForChange(manager, key, conditions);
      const extents = extentsOf(await removeLayout(manager, key));
      await deleteBlobRow(manager, key);
      await deleteExtents(manager, after, [...new Set([...extents, ...(blob.metadataExtentId ? [blob.metadataExtentId] : [])])]);
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
