import type { EventMetadata } from '@atrest/contracts';
import type { RegionStore } from '../../region-stores/region-store';
import { WriteBatch } from '../../region-stores/write-batch';
import type { BlobAccessTier } from '../domain/access-tier';
import type { Conditions } from '../domain/conditions';
import { BLOB_WHERE, blobParams, blobStreamId, type BlobKey } from './blob-keys';
import { enqueueChange } from './change-events';
import { openExistingForChange } from './open-for-change';

/** Set Blob Tier's change: the tier, and who asks (a lease id, if the blob is leased). */
export interface BlobTierChange {
  readonly key: BlobKey;
  readonly region: string;
  readonly tier: BlobAccessTier;
  readonly now: Date;
  readonly conditions: Conditions;
  readonly eventMetadata: EventMetadata;
}

/**
 * Sets a block blob's own tier, with BlobTierSet in the same transaction
 * (the replicator copies the row). Its ETag and Last-Modified stay: the
 * blob's content and properties did not change. Setting the tier it
 * already has changes nothing.
 */
export const saveBlobTier = (store: RegionStore, change: BlobTierChange): Promise<void> =>
  store.transaction(async (manager) => {
    const { key, now, tier } = change;
    const { blob } = await openExistingForChange(manager, key, change.conditions, 'BlockBlob');
    if (blob.accessTier === tier) return;
    const writes = new WriteBatch();
    writes.add('tiered_blob', `UPDATE blobs SET access_tier = $5, access_tier_changed_at = $6 WHERE ${BLOB_WHERE}`, [...blobParams(key), tier, now]);
    enqueueChange(
      writes,
      blobStreamId(key),
      { type: 'BlobTierSet', data: { accountName: key.account, containerName: key.container, blobName: key.blob, region: change.region, accessTier: tier, changedAt: now.toISOString() } },
      now,
      change.eventMetadata,
    );
    await writes.run(manager);
  });
