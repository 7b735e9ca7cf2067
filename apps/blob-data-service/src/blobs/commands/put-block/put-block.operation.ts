import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { checkBlockId } from '../../domain/block-list';
import { parseLeaseId } from '../../domain/conditions';
import { MAX_UPLOAD_BYTES } from '../../domain/limits';
import { extentTargetOf, preflightWrite, storesFilesBeforeCommit } from '../blob-writes';
import { answerBlockStaged, stageWrittenBlock } from './stage-written-block';

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
    await stageWrittenBlock(request, id, data, lease, expectedMd5);
    answerBlockStaged(response, data, target);
  }
}
