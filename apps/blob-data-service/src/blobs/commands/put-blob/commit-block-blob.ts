import type { Response } from 'express';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { writeHeaders } from '../../../blob-rest/response-headers';
import type { ExtentTarget, WrittenData } from '../../../extents/extent-writer';
import type { BlobAccessTier } from '../../domain/access-tier';
import type { Conditions } from '../../domain/conditions';
import { checkContentMd5 } from '../../domain/content-md5';
import type { Metadata } from '../../domain/metadata';
import { commitBlob } from '../../store/blob-commit';
import { writeMetadataExtent } from '../../store/blob-metadata';
import type { BlobRecord, ContentProperties } from '../../store/blob-record';
import { blobChangeOf, commitOrDiscard } from '../blob-writes';

/** A block blob's whole new content, already stored in extents (Put Blob's body, Put Blob From URL's source). */
export interface BlockBlobData {
  readonly data: WrittenData;
  readonly target: Omit<ExtentTarget, 'kind'>;
  readonly conditions: Conditions;
  readonly metadata: Metadata;
  readonly properties: ContentProperties;
  readonly accessTier?: BlobAccessTier;
  /** The MD5 the client says the content has (Content-MD5, x-ms-source-content-md5). */
  readonly expectedMd5?: Buffer;
}

/**
 * Commits stored data as the blob's only content, replacing what was there
 * and any staged blocks, its MD5 checked first (Md5Mismatch) and kept as
 * Content-MD5 unless the request set one; the extents are discarded if the
 * commit is refused.
 */
export const commitBlockBlob = (request: BlobRequest, put: BlockBlobData): Promise<BlobRecord> => {
  const { data, target, properties } = put;
  return commitOrDiscard(request.store, data.rows, async () => {
    checkContentMd5(put.expectedMd5, data.md5);
    const metadataExtent = await writeMetadataExtent(target, put.metadata);
    return commitBlob(request.store, {
      ...blobChangeOf(request, put.conditions),
      content: () => ({ blobType: 'BlockBlob', blocks: data.size > 0 ? [{ id: null, size: data.size, extentIds: data.extents.map((e) => e.extentId) }] : [] }),
      newExtents: data.rows,
      metadataExtent,
      properties: { ...properties, contentMd5: properties.contentMd5 ?? data.md5 },
      accessTier: put.accessTier,
    });
  });
};

/** 201 with the new ETag and time, whether the data was sealed, and the content's MD5. */
export const answerBlockBlobCommitted = (response: Response, blob: BlobRecord, put: BlockBlobData): void => {
  response
    .status(201)
    .set({ ...writeHeaders(blob.etag, blob.lastModified, put.target.encrypt), 'Content-MD5': put.data.md5.toString('base64') })
    .end();
};
