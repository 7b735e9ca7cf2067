import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { writeHeaders } from '../../../blob-rest/response-headers';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { checkAppend, parseAppendConditions } from '../../domain/append';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { MAX_APPEND_BLOCK_BYTES } from '../../domain/limits';
import { appendBlock } from '../../store/append-block';
import { committedBlockCount } from '../../store/block.repository';
import { blobChangeOf, commitOrDiscard, extentTargetOf, preflightWriteTo, storesFilesBeforeCommit } from '../blob-writes';

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
    if (length === 0) throw blobError('InvalidHeaderValue', 'An appended block must hold at least one byte (Content-Length 0).');
    const expectedMd5 = md5Header(request, 'content-md5');
    const conditions = parseConditions(request.header);
    const appendConditions = parseAppendConditions(request.header);
    if (storesFilesBeforeCommit(length)) {
      const existing = await preflightWriteTo(request, conditions, 'AppendBlob');
      checkAppend({ size: existing.size, blockCount: await committedBlockCount(request.store, blobKeyOf(request)) }, length, appendConditions);
    }

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(request.http);
    const appended = await commitOrDiscard(
      request.store,
      data.rows,
      async () => {
        if (expectedMd5 && !expectedMd5.equals(data.md5)) throw blobError('Md5Mismatch');
        return appendBlock(request.store, {
          ...blobChangeOf(request, conditions),
          appendConditions,
          block: data,
        });
      },
    );
    response
      .status(201)
      .set({
        ...writeHeaders(appended.blob.etag, appended.blob.lastModified, target.encrypt),
        'Content-MD5': data.md5.toString('base64'),
        'x-ms-blob-append-offset': String(appended.appendOffset),
        'x-ms-blob-committed-block-count': String(appended.committedBlockCount),
      })
      .end();
  }
}
