import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { contentPropertiesOf } from '../../../blob-rest/request-headers';
import { keepAliveWhile } from '../../../blob-rest/keep-alive';
import { ExtentWriter } from '../../../extents/extent-writer';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { parseMetadata } from '../../domain/metadata';
import type { ContentProperties } from '../../store/blob-record';
import { extentTargetOf, preflightWrite } from '../blob-writes';
import { sourceBytes } from '../copy-blob/copy-content';
import { CopySources } from '../copy-sources';
import { checkSourceLength, requireNoBody, sourceMd5 } from '../from-url';
import { answerBlockBlobCommitted, commitBlockBlob } from '../put-blob/commit-block-blob';

/**
 * Put Blob From URL (x-ms-copy-source with x-ms-blob-type: BlockBlob): a
 * block blob whose content is the source blob's (any type; a page blob's
 * unwritten pages read as zeros), read and decrypted, sealed by this
 * account's SSE state now, and committed as Put Blob commits (201).
 * Content properties are the source's where the request gives none
 * (x-ms-copy-source-blob-properties: false, the request's only); metadata,
 * tier and conditions are the request's.
 */
@Injectable()
export class PutBlobFromUrlOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], headers: ['x-ms-copy-source', 'x-ms-blob-type'], writes: true, sas: { permissions: 'w', service: true, create: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(CopySources) private readonly sources: CopySources,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    if (request.header('x-ms-blob-type') !== 'BlockBlob')
      throw blobError('InvalidHeaderValue', `Put Blob From URL makes block blobs: x-ms-blob-type must be BlockBlob, not '${request.header('x-ms-blob-type')}'.`);
    checkBlobTypeAllowed(request.account, 'BlockBlob');
    requireNoBody(request);
    const conditions = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const accessTier = parseAccessTier(request.header(ACCESS_TIER), request.account, 'BlockBlob');
    const { from } = await this.sources.open(request);
    checkSourceLength(from.blob.size);
    const keepSourceProperties = request.header('x-ms-copy-source-blob-properties')?.toLowerCase() !== 'false';
    const properties = withDefaults(contentPropertiesOf(request, false), keepSourceProperties ? from.blob.properties : undefined);
    await preflightWrite(request, conditions);

    const target = extentTargetOf(request, this.keys);
    const put = await keepAliveWhile(response, async () => {
      const data = await new ExtentWriter({ ...target, kind: 'data' }).writeAll(sourceBytes(from, { start: 0, end: from.blob.size }));
      const upload = { data, target, conditions, metadata, properties, accessTier, expectedMd5: sourceMd5(request) };
      return { upload, blob: await commitBlockBlob(request, upload) };
    });
    answerBlockBlobCommitted(response, put.blob, put.upload);
  }
}

/** The request's content properties, each the source's where the request gives none. */
const withDefaults = (given: ContentProperties, source: ContentProperties | undefined): ContentProperties =>
  source
    ? (Object.fromEntries(Object.entries(given).map(([name, value]) => [name, value ?? source[name as keyof ContentProperties]])) as unknown as ContentProperties)
    : given;
