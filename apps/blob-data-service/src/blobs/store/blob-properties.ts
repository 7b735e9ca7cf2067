import type { EventMetadata } from '@atrest/contracts';
import type { RegionStore } from '../../region-stores/region-store';
import { retireExtentRows, extentRefOf, insertExtentRows, storedExtentOf, type NewExtent } from '../../extents/extent.repository';
import { WriteBatch } from '../../region-stores/write-batch';
import type { Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import type { BlobRecord, ContentProperties } from './blob-record';
import { saveBlob } from './blob.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { changedBlobData, contentPropertiesData } from './blob-committed.event';
import { enqueueChange } from './change-events';
import { openExistingForChange } from './open-for-change';
import { overwriteOf, replacePageRanges, spanState } from './page-overwrite';
import { dataEncryption, metadataExtent, serverEncryptedOf } from './server-encryption';

/** A change to an existing blob's properties; what is left undefined stays as it is. */
export interface PropertiesChange {
  readonly key: BlobKey;
  readonly region: string;
  readonly now: Date;
  readonly eventMetadata: EventMetadata;
  readonly conditions: Conditions;
  /** The account's SSE state when the request arrived (new metadata is sealed by it). */
  readonly encrypt: boolean;
  /** The new metadata extent (its row inserted by this change), or null for none. */
  readonly metadataExtent?: NewExtent | null;
  readonly properties?: ContentProperties;
  /** A page blob's new size (Resize): pages past it are dropped. */
  readonly size?: number;
  /** A page blob's new sequence number, from its current one. */
  readonly sequenceNumber?: (current: number) => number;
}

/**
 * Set Blob Metadata, Set Blob Properties, Resize, Update Sequence Number:
 * one transaction that changes the row (and, for a smaller page blob, its
 * ranges), deletes extents no longer used and says BlobPropertiesSet. Size
 * and sequence number apply to page blobs only (InvalidBlobType).
 */
export const changeBlobProperties = (store: RegionStore, change: PropertiesChange): Promise<BlobRecord> =>
  store.transaction(async (manager) => {
    const { key, now } = change;
    const pageOnly = change.size !== undefined || change.sequenceNumber !== undefined;
    const metadataChanged = change.metadataExtent !== undefined;
    // A shrink drops the pages past the new size; ranges never reach past the blob's, so reading them is harmless when it grows.
    const cut = change.size !== undefined ? { start: change.size, end: Number.MAX_SAFE_INTEGER } : undefined;
    const read = await openExistingForChange(manager, key, change.conditions, pageOnly ? 'PageBlob' : undefined, {
      metadata: metadataExtent(),
      ...(cut ? { pages: spanState(cut) } : {}),
      ...(cut || metadataChanged ? { dataKept: dataEncryption(cut) } : {}),
    });
    const existing = read.blob;
    const truncation = read.pages && change.size! < existing.size ? overwriteOf(read.pages) : undefined;
    const metadataExtentId = metadataChanged ? (change.metadataExtent?.id ?? null) : existing.metadataExtentId;
    const metadata = change.metadataExtent ? storedExtentOf(change.metadataExtent) : metadataChanged ? undefined : read.metadata;
    const record: BlobRecord = {
      ...existing,
      size: change.size ?? existing.size,
      etag: newEtag(),
      lastModified: now,
      properties: change.properties ?? existing.properties,
      metadataExtentId,
      serverEncrypted:
        metadataChanged || (truncation?.unreferenced.length ?? 0) > 0
          ? serverEncryptedOf([...read.dataKept!, ...(truncation?.addedEncrypted ?? [])], metadata, metadataChanged ? change.encrypt : existing.serverEncrypted)
          : existing.serverEncrypted,
      sequenceNumber: change.sequenceNumber ? change.sequenceNumber(existing.sequenceNumber) : existing.sequenceNumber,
    };
    const writes = new WriteBatch();
    if (change.metadataExtent) insertExtentRows(writes, store.region, [change.metadataExtent]);
    if (truncation) replacePageRanges(writes, key, truncation);
    retireExtentRows(writes, [...(truncation?.unreferenced ?? []), ...(metadataChanged && existing.metadataExtentId ? [existing.metadataExtentId] : [])]);
    saveBlob(writes, key, record);
    enqueueChange(
      writes,
      blobStreamId(key),
      {
        type: 'BlobPropertiesSet',
        data: {
          ...changedBlobData(key, change.region, record),
          blobType: record.blobType,
          size: record.size,
          contentProperties: contentPropertiesData(record.properties),
          metadata: metadata ? extentRefOf(metadata) : null,
        },
      },
      now,
      change.eventMetadata,
    );
    await writes.run(manager);
    return record;
  });
