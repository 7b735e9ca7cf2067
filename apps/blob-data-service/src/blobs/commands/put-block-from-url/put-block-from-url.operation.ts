import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { checkBlockId } from '../../domain/block-list';
import { parseLeaseId } from '../../domain/conditions';
import { extentTargetOf, preflightWrite, storesFilesBeforeCommit } from '../blob-writes';
import { sourceBytes } from '../copy-blob/copy-content';
import { CopySources } from '../copy-sources';
import { checkSourceLength, requireNoBody, sourceMd5, sourceSpan } from '../from-url';
import { answerBlockStaged, stageWrittenBlock } from '../put-block/stage-written-block';

/**
 * Put Block From URL (Put Block with x-ms-copy-source): the source blob's
 * bytes, all of them or the x-ms-source-range (bytes=start-end, inclusive;
 * 416 InvalidRange outside the source), read and decrypted, stored sealed by
 * this account's SSE state now, and staged under the block id as Put Block
 * stages (201). AzCopy copies block blobs between accounts this way.
 */
@Injectable()
export class PutBlockFromUrlOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'block', headers: ['x-ms-copy-source'], writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(CopySources) private readonly sources: CopySources,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    checkBlobTypeAllowed(request.account, 'BlockBlob');
    const id = checkBlockId(request.query('blockid'));
    requireNoBody(request);
    const lease = { leaseId: parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')) };
    const { from } = await this.sources.open(request);
    const span = sourceSpan(request, from);
    const length = span.end - span.start;
    checkSourceLength(length);
    if (storesFilesBeforeCommit(length)) await preflightWrite(request, lease);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(sourceBytes(from, span));
    await stageWrittenBlock(request, id, data, lease, sourceMd5(request));
    answerBlockStaged(response, data, target);
  }
}
