import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { keepAliveWhile } from '../../../blob-rest/keep-alive';
import { writeHeaders } from '../../../blob-rest/response-headers';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { parseConditions } from '../../domain/conditions';
import { checkContentMd5 } from '../../domain/content-md5';
import { hasMetadata, parseMetadata } from '../../domain/metadata';
import { commitBlob } from '../../store/blob-commit';
import { readMetadata, writeMetadataExtent } from '../../store/blob-metadata';
import { blobChangeOf, commitOrDiscard, extentTargetOf, preflightWrite } from '../blob-writes';
import { CopySources } from '../copy-sources';
import { sourceMd5 } from '../from-url';
import { copyContent } from './copy-content';

/**
 * Copy Blob (Put Blob with x-ms-copy-source), synchronous: the source blob
 * (as CopySources opens it) is read, decrypted, and written into the
 * destination as a new blob of its type, sealed by the destination
 * account's SSE state now. Properties and metadata
 * come from the source unless the request gives metadata; the content is
 * checked against x-ms-source-content-md5 when given (Md5Mismatch, nothing
 * kept). Answers 202 with
 * x-ms-copy-status success, so the SDKs' pollers finish at once. A long copy
 * sends 102 Processing meanwhile, keeping the gateway's idle timer from firing.
 */
@Injectable()
export class CopyBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], headers: ['x-ms-copy-source'], writes: true, sas: { permissions: 'w', service: true, create: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(CopySources) private readonly sources: CopySources,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const conditions = parseConditions(request.header);
    const requestMetadata = parseMetadata(request.http.rawHeaders);
    const { source, from } = await this.sources.open(request);
    checkBlobTypeAllowed(request.account, from.blob.blobType);
    const accessTier = parseAccessTier(request.header(ACCESS_TIER), request.account, from.blob.blobType);
    const expectedMd5 = sourceMd5(request);
    // A page blob is copied as its written pages, whose MD5 is not the content's (Azure's synchronous copy takes block blobs only).
    if (expectedMd5 && from.blob.blobType === 'PageBlob') throw blobError('InvalidHeaderValue', 'x-ms-source-content-md5 applies to a block or append blob source.');
    await preflightWrite(request, conditions);

    const target = extentTargetOf(request, this.keys);
    const copyId = randomUUID();
    const blob = await keepAliveWhile(response, async () => {
      const { content, data } = await copyContent(from, target);
      return commitOrDiscard(request.store, data.rows, async () => {
        checkContentMd5(expectedMd5, data.md5, 'The source content does not have the MD5 x-ms-source-content-md5 gives.');
        const metadata = hasMetadata(requestMetadata) ? requestMetadata : await readMetadata(from.reading, from.blob.metadataExtentId);
        const metadataExtent = await writeMetadataExtent(target, metadata);
        return commitBlob(request.store, {
          ...blobChangeOf(request, conditions),
          content: () => content,
          newExtents: data.rows,
          metadataExtent,
          properties: from.blob.properties,
          sequenceNumber: from.blob.sequenceNumber,
          accessTier,
          copy: { id: copyId, source: source.url, status: 'success', progress: `${from.blob.size}/${from.blob.size}`, completedAt: request.now },
        });
      });
    });
    response
      .status(202)
      .set({ ...writeHeaders(blob.etag, blob.lastModified, target.encrypt), 'x-ms-copy-id': copyId, 'x-ms-copy-status': 'success' })
      .end();
  }
}
