import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { retireExtentRows } from '../../../extents/extent.repository';
import { WriteBatch } from '../../../region-stores/write-batch';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { deleteBlobRow } from '../../store/blob.repository';
import { extentsOf, removedLayout } from '../../store/blob-layout';
import { blobStreamId } from '../../store/blob-keys';
import { enqueueChange } from '../../store/change-events';
import { openExistingForChange } from '../../store/open-for-change';
import { preflightWrite } from '../blob-writes';

const DELETE_SNAPSHOTS = 'x-ms-delete-snapshots';

/**
 * Delete Blob: the blob, its blocks or pages, staged blocks and every extent
 * they used, with BlobDeleted, in one transaction (extent files removed after
 * it): the layout goes with the read, the rest in one statement. A blob has
 * no snapshots here, so x-ms-delete-snapshots: include deletes it as usual,
 * and only (delete its snapshots alone) deletes nothing, once the blob and
 * the request's conditions and lease are found to hold.
 */
@Injectable()
export class DeleteBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['DELETE'], writes: true, sas: { permissions: 'd', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const deleteSnapshots = request.header(DELETE_SNAPSHOTS);
    if (deleteSnapshots !== undefined && !['include', 'only'].includes(deleteSnapshots))
      throw blobError('InvalidHeaderValue', `${DELETE_SNAPSHOTS} must be include or only, not '${deleteSnapshots}'.`);
    if (deleteSnapshots === 'only') {
      if (!(await preflightWrite(request, conditions))) throw blobError('BlobNotFound');
      response.status(202).end();
      return;
    }
    const key = blobKeyOf(request);
    await request.store.transaction(async (manager) => {
      const { blob, layout } = await openExistingForChange(manager, key, conditions, undefined, { layout: removedLayout() });
      const writes = new WriteBatch();
      deleteBlobRow(writes, key);
      retireExtentRows(writes, [...new Set([...extentsOf(layout), ...(blob.metadataExtentId ? [blob.metadataExtentId] : [])])]);
      enqueueChange(
        writes,
        blobStreamId(key),
        { type: 'BlobDeleted', data: { accountName: key.account, containerName: key.container, blobName: key.blob, region: request.store.region, deletedAt: request.now.toISOString() } },
        request.now,
        request.eventMetadata,
      );
      await writes.run(manager);
    });
    response.status(202).end();
  }
}
