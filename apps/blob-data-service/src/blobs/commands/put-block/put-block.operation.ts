import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { deleteExtentRows, insertExtentRows } from '../../../extents/extent.repository';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { WriteBatch } from '../../../region-stores/write-batch';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { blobError } from '../../domain/blob.errors';
import { checkBlockId, checkBlockIdLength } from '../../domain/block-list';
import { parseLeaseId } from '../../domain/conditions';
import { MAX_UNCOMMITTED_BLOCKS, MAX_UPLOAD_BYTES } from '../../domain/limits';
import { stageBlock, stagingState } from '../../store/block-staging';
import { openForChange } from '../../store/open-for-change';
import { commitOrDiscard, extentTargetOf, preflightWrite, storesFilesBeforeCommit } from '../blob-writes';

/**
 * Put Block: the body streamed into extents (sealed when the account
 * encrypts) and staged under its block id, replacing a staged block of the
 * same id. Nothing is readable until Put Block List commits it.
 */
@Injectable()
export class PutBlockOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'block', writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    checkBlobTypeAllowed(request.account, 'BlockBlob');
    const id = checkBlockId(request.query('blockid'));
    const length = requireContentLength(request, response, MAX_UPLOAD_BYTES);
    const expectedMd5 = md5Header(request, 'content-md5');
    // Put Block takes no conditional headers, only the blob's lease.
    const lease = { leaseId: parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')) };
    if (storesFilesBeforeCommit(length)) await preflightWrite(request, lease);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(request.http);
    const extentIds = data.extents.map((e) => e.extentId);
    await commitOrDiscard(request.store, data.rows, async () => {
      if (expectedMd5 && !expectedMd5.equals(data.md5)) throw blobError('Md5Mismatch');
      const key = blobKeyOf(request);
      await request.store.transaction(async (manager, after) => {
        const { blob, staging } = await openForChange(manager, key, lease, { staging: stagingState(id) });
        if (blob && blob.blobType !== 'BlockBlob') throw blobError('InvalidBlobType');
        checkBlockIdLength(id, [...staging.stagedIds, ...staging.committedIds]);
        if (!staging.replacedExtents && staging.stagedIds.length >= MAX_UNCOMMITTED_BLOCKS)
          throw blobError('BlockCountExceedsLimit', 'The uncommitted block count cannot exceed the maximum limit of 100,000 blocks.');
        const writes = new WriteBatch();
        insertExtentRows(writes, request.store.region, data.rows);
        stageBlock(writes, key, { id, size: data.size, extentIds }, request.now);
        deleteExtentRows(writes, after, staging.replacedExtents ?? []);
        await writes.run(manager);
      });
    });
    response
      .status(201)
      .set({ 'Content-MD5': data.md5.toString('base64'), 'x-ms-request-server-encrypted': String(target.encrypt) })
      .end();
  }
}
