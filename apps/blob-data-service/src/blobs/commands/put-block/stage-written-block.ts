import type { Response } from 'express';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { deleteExtentRows, insertExtentRows } from '../../../extents/extent.repository';
import type { ExtentTarget, WrittenData } from '../../../extents/extent-writer';
import { WriteBatch } from '../../../region-stores/write-batch';
import { blobError } from '../../domain/blob.errors';
import { checkBlockIdLength } from '../../domain/block-list';
import type { Conditions } from '../../domain/conditions';
import { checkContentMd5 } from '../../domain/content-md5';
import { MAX_UNCOMMITTED_BLOCKS } from '../../domain/limits';
import { stageBlock, stagingState } from '../../store/block-staging';
import { openForChange } from '../../store/open-for-change';
import { commitOrDiscard } from '../blob-writes';

/**
 * Stages stored data under a block id (Put Block's body, Put Block From
 * URL's source range), replacing a staged block of the same id, under the
 * blob's lock: its MD5 checked first (Md5Mismatch), the blob a block blob
 * if it exists, the ids of one length, at most 100,000 staged blocks. The
 * extents are discarded if staging is refused.
 */
export const stageWrittenBlock = (request: BlobRequest, id: string, data: WrittenData, lease: Conditions, expectedMd5?: Buffer): Promise<void> =>
  commitOrDiscard(request.store, data.rows, async () => {
    checkContentMd5(expectedMd5, data.md5);
    const key = blobKeyOf(request);
    await request.store.transaction(async (manager, after) => {
      const { blob, staging } = await openForChange(manager, key, lease, { staging: stagingState(id) });
      if (blob && blob.blobType !== 'BlockBlob') throw blobError('InvalidBlobType');
      checkBlockIdLength(id, [...staging.stagedIds, ...staging.committedIds]);
      if (!staging.replacedExtents && staging.stagedIds.length >= MAX_UNCOMMITTED_BLOCKS)
        throw blobError('BlockCountExceedsLimit', 'The uncommitted block count cannot exceed the maximum limit of 100,000 blocks.');
      const writes = new WriteBatch();
      insertExtentRows(writes, request.store.region, data.rows);
      stageBlock(writes, key, { id, size: data.size, extentIds: data.extents.map((e) => e.extentId) }, request.now);
      deleteExtentRows(writes, after, staging.replacedExtents ?? []);
      await writes.run(manager);
    });
  });

/** 201 with the block's MD5 and whether it was sealed. */
export const answerBlockStaged = (response: Response, data: WrittenData, target: Omit<ExtentTarget, 'kind'>): void => {
  response
    .status(201)
    .set({ 'Content-MD5': data.md5.toString('base64'), 'x-ms-request-server-encrypted': String(target.encrypt) })
    .end();
};
