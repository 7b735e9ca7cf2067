import type { DomainEvent } from '@atrest/contracts';
import { extentRefOf } from '../../extents/extent.repository';
import type { StoredExtent } from '../../extents/stored-extent';
import type { BlobRecord } from './blob-record';
import type { BlobKey } from './blob-keys';

/** BlobCommitted for a blob as committed: its properties and the references of its extents, in order (never bytes or keys). */
export const blobCommittedEvent = (
  key: BlobKey,
  region: string,
  blob: BlobRecord,
  dataExtentIds: readonly string[],
  extents: ReadonlyMap<string, StoredExtent>,
): DomainEvent => {
  const p = blob.properties;
  const refOf = (id: string) => extentRefOf(extents.get(id)!);
  return {
    type: 'BlobCommitted',
    data: {
      accountName: key.account,
      containerName: key.container,
      blobName: key.blob,
      region,
      blobType: blob.blobType,
      size: blob.size,
      etag: blob.etag,
      lastModified: blob.lastModified.toISOString(),
      contentProperties: {
        contentType: p.contentType,
        contentEncoding: p.contentEncoding,
        contentLanguage: p.contentLanguage,
        contentDisposition: p.contentDisposition,
        cacheControl: p.cacheControl,
        contentMd5: p.contentMd5?.toString('base64') ?? null,
      },
      serverEncrypted: blob.serverEncrypted,
      metadata: blob.metadataExtentId ? refOf(blob.metadataExtentId) : null,
      extents: dataExtentIds.map(refOf),
    },
  };
};
