import type { EventMetadata } from '@atrest/contracts';
import type { RegionStore } from '../../region-stores/region-store';
import { deleteExtents, extentRefOf, findExtents, insertExtents, storedExtentOf, type NewExtent } from '../../extents/extent.repository';
import type { Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import type { BlobRecord, ContentProperties } from './blob-record';
import { saveBlob } from './blob.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { changedBlobData, contentPropertiesData } from './blob-committed.event';
import { publishChange } from './change-events';
import { openExistingForChange } from './open-for-change';
import { truncatePageRanges } from './page.repository';
import { storedServerEncrypted } from './server-encryption';

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
  store.transaction(async (manager, after) => {
    const { key, now } = change;
    const pageOnly = change.size !== undefined || change.sequenceNumber !== undefined;
    const existing = await openExistingForChange(manager, key, change.conditions, pageOnly ? 'PageBlob' : undefined);
    const truncated = change.size !== undefined && change.size < existing.size ? await truncatePageRanges(manager, key, change.size) : [];
    const metadataChanged = change.metadataExtent !== undefined;
    const metadataExtentId = metadataChanged ? (change.metadataExtent?.id ?? null) : existing.metadataExtentId;
    if (change.metadataExtent) await insertExtents(manager, store.region, [change.metadataExtent]);
    const record: BlobRecord = {
      ...existing,
      size: change.size ?? existing.size,
      etag: newEtag(),
      lastModified: now,
      properties: change.properties ?? existing.properties,
      metadataExtentId,
      serverEncrypted:
        metadataChanged || truncated.length > 0
          ? await storedServerEncrypted(manager, key, metadataExtentId, metadataChanged ? change.encrypt : existing.serverEncrypted)
          : existing.serverEncrypted,
      sequenceNumber: change.sequenceNumber ? change.sequenceNumber(existing.sequenceNumber) : existing.sequenceNumber,
    };
    await saveBlob(manager, key, record);
    await deleteExtents(manager, after, [...truncated, ...(metadataChanged && existing.metadataExtentId ? [existing.metadataExtentId] : [])]);
    const metadataExtent = change.metadataExtent ? storedExtentOf(change.metadataExtent) : metadataExtentId && (await findExtents(manager, [metadataExtentId])).get(metadataExtentId)!;
    const metadata = metadataExtent ? extentRefOf(metadataExtent) : null;
    await publishChange(
      manager,
      blobStreamId(key),
      {
        type: 'BlobPropertiesSet',
        data: { ...changedBlobData(key, change.region, record), blobType: record.blobType, size: record.size, contentProperties: contentPropertiesData(record.properties), metadata },
      },
      now,
      change.eventMetadata,
    );
    return record;
  });
