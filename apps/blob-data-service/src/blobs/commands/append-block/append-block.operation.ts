import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { parseAppendConditions } from '../../domain/append';
import { parseConditions } from '../../domain/conditions';
import { MAX_APPEND_BLOCK_BYTES } from '../../domain/limits';
import { extentTargetOf } from '../blob-writes';
import { answerAppended, commitAppendedBlock, preflightAppend } from './append-written-block';

/**
 * Append Block: 1 byte to 4 MiB (one extent, sealed when the account
 * encrypts) added at the end of an append blob, if the append-position and
 * max-size conditions hold; the blob, its new block and BlockAppended commit
 * together. Checked before the body is read and again in the commit.
 */
@Injectable()
export class AppendBlockOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'appendblock', writes: true, sas: { permissions: 'aw', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    checkBlobTypeAllowed(request.account, 'AppendBlob');
    const length = requireContentLength(request, response, MAX_APPEND_BLOCK_BYTES);
    const expectedMd5 = md5Header(request, 'content-md5');
    const conditions = parseConditions(request.header);
    const appendConditions = parseAppendConditions(request.header);
    await preflightAppend(request, length, conditions, appendConditions);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(request.http);
    answerAppended(response, await commitAppendedBlock(request, data, conditions, appendConditions, expectedMd5), data, target);
  }
}
