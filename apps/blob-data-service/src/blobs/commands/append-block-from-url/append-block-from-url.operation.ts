import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { parseAppendConditions } from '../../domain/append';
import { parseConditions } from '../../domain/conditions';
import { answerAppended, commitAppendedBlock, preflightAppend } from '../append-block/append-written-block';
import { extentTargetOf } from '../blob-writes';
import { sourceBytes } from '../copy-blob/copy-content';
import { CopySources } from '../copy-sources';
import { requireNoBody, sourceMd5, sourceSpan } from '../from-url';

/**
 * Append Block From URL (Append Block with x-ms-copy-source): the source
 * blob's bytes, all of them or the x-ms-source-range (1 byte to 4 MiB), read
 * and decrypted, sealed by this account's SSE state now, and appended as
 * Append Block appends, with its conditions (201).
 */
@Injectable()
export class AppendBlockFromUrlOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'appendblock', headers: ['x-ms-copy-source'], writes: true, sas: { permissions: 'aw', service: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(CopySources) private readonly sources: CopySources,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    checkBlobTypeAllowed(request.account, 'AppendBlob');
    requireNoBody(request);
    const conditions = parseConditions(request.header);
    const appendConditions = parseAppendConditions(request.header);
    const { from } = await this.sources.open(request);
    const span = sourceSpan(request, from);
    await preflightAppend(request, span.end - span.start, conditions, appendConditions);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(sourceBytes(from, span));
    answerAppended(response, await commitAppendedBlock(request, data, conditions, appendConditions, sourceMd5(request)), data, target);
  }
}
