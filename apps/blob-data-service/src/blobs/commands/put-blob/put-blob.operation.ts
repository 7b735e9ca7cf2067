import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { blobTypes, type BlobType } from '@atrest/contracts';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { contentPropertiesOf, md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { MAX_UPLOAD_BYTES } from '../../domain/limits';
import { parseMetadata } from '../../domain/metadata';
import { extentTargetOf, preflightWrite, storesFilesBeforeCommit } from '../blob-writes';
import { answerBlockBlobCommitted, commitBlockBlob } from './commit-block-blob';
import { createEmptyBlob } from './create-empty-blob';

/**
 * Put Blob, by x-ms-blob-type. A block blob: the body streamed into extents
 * (sealed when the account encrypts), its MD5 checked against Content-MD5,
 * then committed as the blob's only content, replacing what was there and
 * any staged blocks. An append or page blob: created empty (create-empty-blob.ts).
 */
@Injectable()
export class PutBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], writes: true, sas: { permissions: 'w', service: true, create: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const blobType = request.header('x-ms-blob-type');
    if (blobType === undefined) throw blobError('MissingRequiredHeader', 'The header x-ms-blob-type is required.');
    if (!(blobTypes as readonly string[]).includes(blobType)) throw blobError('InvalidHeaderValue', `x-ms-blob-type must be BlockBlob, AppendBlob or PageBlob, not '${blobType}'.`);
    checkBlobTypeAllowed(request.account, blobType as BlobType);
    if (blobType === 'BlockBlob') await this.putBlockBlob(request, response);
    else if (request.header(ACCESS_TIER) !== undefined) throw blobError('InvalidHeaderValue', `${ACCESS_TIER} applies to block blobs only.`);
    else await createEmptyBlob(request, response, this.keys, blobType as 'AppendBlob' | 'PageBlob');
  }

  private async putBlockBlob(request: BlobRequest, response: Response): Promise<void> {
    const length = requireContentLength(request, response, MAX_UPLOAD_BYTES);
    const expectedMd5 = md5Header(request, 'content-md5');
    const conditions = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const properties = contentPropertiesOf(request, true);
    const accessTier = parseAccessTier(request.header(ACCESS_TIER), request.account, 'BlockBlob');
    if (storesFilesBeforeCommit(length)) await preflightWrite(request, conditions);

    const target = extentTargetOf(request, this.keys);
    const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(request.http);
    const put = { data, target, conditions, metadata, properties, accessTier, expectedMd5 };
    answerBlockBlobCommitted(response, await commitBlockBlob(request, put), put);
  }
}
