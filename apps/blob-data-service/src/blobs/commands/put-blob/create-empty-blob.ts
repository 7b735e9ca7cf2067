import type { Response } from 'express';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { contentPropertiesOf, requireEmptyBody } from '../../../blob-rest/request-headers';
import { writeHeaders } from '../../../blob-rest/response-headers';
import type { DataKeys } from '../../../keys/data-keys';
import { parseConditions } from '../../domain/conditions';
import { parseMetadata } from '../../domain/metadata';
import { parsePageBlobSize, parseSequenceNumber } from '../../domain/page-ranges';
import { commitBlob } from '../../store/blob-commit';
import { writeMetadataExtent } from '../../store/blob-metadata';
import { blobChangeOf, extentTargetOf } from '../blob-writes';

/**
 * Put Blob of an append or a page blob: no body (Content-Length 0, else
 * InvalidHeaderValue); it replaces whatever blob had the name with an empty
 * one (a page blob of x-ms-blob-content-length zeros, none of them stored),
 * with the request's metadata and properties.
 */
export const createEmptyBlob = async (request: BlobRequest, response: Response, keys: DataKeys, blobType: 'AppendBlob' | 'PageBlob'): Promise<void> => {
  requireEmptyBody(request, response, `a ${blobType} is created empty, its data is written by ${blobType === 'PageBlob' ? 'Put Page' : 'Append Block'}`);
  const size = blobType === 'PageBlob' ? parsePageBlobSize(request.header('x-ms-blob-content-length')) : 0;
  const sequenceNumber = blobType === 'PageBlob' ? parseSequenceNumber(request.header('x-ms-blob-sequence-number')) : undefined;
  const conditions = parseConditions(request.header);
  const metadata = parseMetadata(request.http.rawHeaders);
  const properties = contentPropertiesOf(request, true);

  // No preflight: the metadata extent stays in memory until the commit, which checks everything.
  const target = extentTargetOf(request, keys);
  const metadataExtent = await writeMetadataExtent(target, metadata);
  const blob = await commitBlob(request.store, {
    ...blobChangeOf(request, conditions),
    content: () => (blobType === 'PageBlob' ? { blobType, size, pages: [] } : { blobType, blocks: [] }),
    newExtents: [],
    metadataExtent,
    properties,
    sequenceNumber,
  });
  response.status(201).set(writeHeaders(blob.etag, blob.lastModified, target.encrypt)).end();
};
