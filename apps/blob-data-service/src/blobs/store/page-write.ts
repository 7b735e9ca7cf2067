import type { EventMetadata } from '@atrest/contracts';
import { insertExtentRows, retireExtentRows } from '../../extents/extent.repository';
import type { WrittenData } from '../../extents/extent-writer';
import type { RegionStore } from '../../region-stores/region-store';
import { WriteBatch } from '../../region-stores/write-batch';
import { blobError } from '../domain/blob.errors';
import type { Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import type { ByteSpan } from '../domain/page-ranges';
import type { BlobRecord } from './blob-record';
import { saveBlob } from './blob.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { changedBlobData } from './blob-committed.event';
import { enqueueChange } from './change-events';
import { openExistingForChange } from './open-for-change';
import { overwriteOf, replacePageRanges, spanState } from './page-overwrite';
import { dataEncryption, metadataExtent, serverEncryptedOf } from './server-encryption';

export interface PageWrite {
  readonly key: BlobKey;
  readonly region: string;
  readonly now: Date;
  readonly eventMetadata: EventMetadata;
  readonly conditions: Conditions;
  /** The account's SSE state when the request arrived. */
  readonly encrypt: boolean;
  readonly span: ByteSpan;
  /** Put Page update: the span's new bytes, stored as extents whose rows this commit inserts; undefined for clear. */
  readonly data?: WrittenData;
}

/**
 * Put Page's commit (update or clear): the span's ranges replaced (what
 * they shared with it cut away, their extents deleted once no range uses
 * them), PagesWritten, one transaction. The blob is server-encrypted again
 * only when every extent it still uses is.
 */
export const writePages = (store: RegionStore, write: PageWrite): Promise<BlobRecord> =>
  store.transaction(async (manager) => {
    const { key, now, span, data } = write;
    const read = await openExistingForChange(manager, key, write.conditions, 'PageBlob', {
      pages: spanState(span),
      dataOutside: dataEncryption(span),
      metadata: metadataExtent(),
    });
    const existing = read.blob;
    // Checked before the body was read, and again here: a resize may have raced it.
    if (span.end > existing.size) throw blobError('InvalidPageRange', `The page range ends past the blob's ${existing.size} bytes.`);
    let at = span.start;
    const written = (data?.extents ?? []).map((extent) => {
      const range = { start: at, end: at + extent.size, extentId: extent.extentId, extentOffset: 0, encrypted: extent.encrypted };
      at = range.end;
      return range;
    });
    const overwrite = overwriteOf(read.pages, written);
    const record: BlobRecord = {
      ...existing,
      etag: newEtag(),
      lastModified: now,
      serverEncrypted: serverEncryptedOf([...read.dataOutside, ...overwrite.addedEncrypted], read.metadata, write.encrypt),
    };
    const event = {
      type: 'PagesWritten',
      data: {
        ...changedBlobData(key, write.region, record),
        pageWrite: data ? 'update' : 'clear',
        offset: span.start,
        length: span.end - span.start,
        size: record.size,
        extents: [...(data?.extents ?? [])],
      },
    };
    const writes = new WriteBatch();
    insertExtentRows(writes, store.region, data?.rows ?? []);
    replacePageRanges(writes, key, overwrite);
    retireExtentRows(writes, overwrite.unreferenced);
    saveBlob(writes, key, record);
    enqueueChange(writes, blobStreamId(key), event, now, write.eventMetadata);
    await writes.run(manager);
    return record;
  });
