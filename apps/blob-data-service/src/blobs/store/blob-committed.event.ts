import type { DomainEvent } from '@atrest/contracts';
import { extentRefOf } from '../../extents/extent.repository';
import type { StoredExtent } from '../../extents/stored-extent';
import type { PageRange } from '../domain/page-ranges';
import type { BlobRecord, ContentProperties } from './blob-record';
import type { BlobKey } from './blob-keys';

/** A blob's HTTP properties as events carry them. */
export const contentPropertiesData = (p: ContentProperties) => ({
  contentType: p.contentType,
  contentEncoding: p.contentEncoding,
  contentLanguage: p.contentLanguage,
  contentDisposition: p.contentDisposition,
  cacheControl: p.cacheControl,
  contentMd5: p.contentMd5?.toString('base64') ?? null,
});

/** What every change event says of the blob it changed. */
export const changedBlobData = (key: BlobKey, region: string, blob: BlobRecord) => ({
  accountName: key.account,
  containerName: key.container,
  blobName: key.blob,
  region,
  etag: blob.etag,
  lastModified: blob.lastModified.toISOString(),
  serverEncrypted: blob.serverEncrypted,
});

/**
 * BlobCommitted for a blob as committed: its properties and the references
 * of its extents, in order (never bytes or keys); for a page blob also where
 * each written range lives.
 */
export const blobCommittedEvent = (
  key: BlobKey,
  region: string,
  blob: BlobRecord,
  dataExtentIds: readonly string[],
  extents: ReadonlyMap<string, StoredExtent>,
  pages?: readonly PageRange[],
): DomainEvent => {
  const refOf = (id: string) => extentRefOf(extents.get(id)!);
  return {
    type: 'BlobCommitted',
    data: {
      ...changedBlobData(key, region, blob),
      blobType: blob.blobType,
      size: blob.size,
      contentProperties: contentPropertiesData(blob.properties),
      metadata: blob.metadataExtentId ? refOf(blob.metadataExtentId) : null,
      extents: dataExtentIds.map(refOf),
      ...(pages ? { pages: pages.map((p) => ({ offset: p.start, length: p.end - p.start, extentId: p.extentId, extentOffset: p.extentOffset })) } : {}),
      ...(blob.copy ? { copy: { copyId: blob.copy.id, source: blob.copy.source, status: blob.copy.status, completedAt: blob.copy.completedAt.toISOString() } } : {}),
    },
  };
};
