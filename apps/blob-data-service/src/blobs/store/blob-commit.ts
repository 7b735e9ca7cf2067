import type { EventMetadata } from '@atrest/contracts';
import { insertExtentRows, retireExtentRows, storedExtentOf, type NewExtent } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import { WriteBatch } from '../../region-stores/write-batch';
import type { BlobAccessTier } from '../domain/access-tier';
import { blobError } from '../domain/blob.errors';
import type { Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import type { StoredBlock } from '../domain/block-list';
import { MAX_EXTENTS_PER_BLOB } from '../domain/limits';
import type { PageRange } from '../domain/page-ranges';
import { isServerEncrypted } from '../domain/server-encrypted';
import type { BlobRecord, ContentProperties, CopyProperties } from './blob-record';
import { saveBlob } from './blob.repository';
import { extentsOf, removedLayout } from './blob-layout';
import { insertCommittedBlocks, type CommittedBlock } from './block.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { blobCommittedEvent } from './blob-committed.event';
import { enqueueChange } from './change-events';
import { openForChange } from './open-for-change';
import { insertPageRanges } from './page.repository';

/** The blob's layout before a commit: what Put Block List resolves names against. */
export interface CurrentLayout {
  /** The type of the blob being replaced, if there is one. */
  readonly blobType?: BlobRecord['blobType'];
  readonly committed: readonly CommittedBlock[];
  readonly staged: ReadonlyMap<string, StoredBlock>;
}

export type NewBlock = Pick<CommittedBlock, 'id' | 'size' | 'extentIds'>;

/** A blob's whole content: block and append blobs are their blocks in order; a page blob its logical size and written ranges. */
export type BlobContent =
  | { readonly blobType: 'BlockBlob' | 'AppendBlob'; readonly blocks: readonly NewBlock[] }
  | { readonly blobType: 'PageBlob'; readonly size: number; readonly pages: readonly PageRange[] };

/** A write that replaces a blob's content, metadata and properties (Put Blob, Put Block List, Copy Blob). */
export interface BlobWrite {
  readonly key: BlobKey;
  readonly region: string;
  readonly now: Date;
  readonly eventMetadata: EventMetadata;
  readonly conditions: Conditions;
  /** The account's SSE state when the request arrived (decides the state of a blob without extents). */
  readonly encrypt: boolean;
  /** The new content, computed from the current layout (staged blocks are then discarded). */
  readonly content: (current: CurrentLayout) => BlobContent;
  /** Data extents this request stored: their rows are inserted by the commit. */
  readonly newExtents: readonly NewExtent[];
  readonly metadataExtent: NewExtent | null;
  readonly properties: ContentProperties;
  readonly sequenceNumber?: number;
  readonly copy?: CopyProperties;
  /** x-ms-access-tier: the new blob's own tier (none: the account's). */
  readonly accessTier?: BlobAccessTier;
}

/**
 * The one transaction that replaces a blob: locked, then its row read and
 * its layout removed in one statement, conditions checked on the row as it
 * is now; then, in one more statement, the request's extent rows, the new
 * layout (blocks or pages), the row and the BlobCommitted event, with the
 * extents nothing references any more deleted (their files after the
 * commit). Staged blocks are discarded. Returns the blob as committed.
 */
export const commitBlob = (store: RegionStore, write: BlobWrite): Promise<BlobRecord> =>
  store.transaction(async (manager) => {
    const { key, now } = write;
    const { blob: existing, layout: before } = await openForChange(manager, key, write.conditions, { layout: removedLayout({ withBlockExtents: true }) });
    const content = write.content({ blobType: existing?.blobType, committed: before.committed, staged: before.staged });
    const blocks = content.blobType === 'PageBlob' ? [] : content.blocks;
    const pages = content.blobType === 'PageBlob' ? content.pages : [];

    const dataIds = content.blobType === 'PageBlob' ? [...new Set(pages.map((p) => p.extentId))] : blocks.flatMap((b) => b.extentIds);
    // BlobCommitted lists them all (docs/adr/0006, Consequences).
    if (dataIds.length + pages.length > MAX_EXTENTS_PER_BLOB)
      throw blobError('BlockCountExceedsLimit', `atrest commits at most ${MAX_EXTENTS_PER_BLOB} extents and page ranges (4 MiB each at most) per blob; this one needs ${dataIds.length + pages.length}.`);
    const metadataExtentId = write.metadataExtent?.id ?? null;
    const referenced = new Set([...dataIds, ...(metadataExtentId ? [metadataExtentId] : [])]);
    const added = [...write.newExtents, ...(write.metadataExtent ? [write.metadataExtent] : [])];
    // What this request stored is known; extents of blocks it reuses were read with the layout.
    const extents = new Map([...before.blockExtents, ...added.map((e) => [e.id, storedExtentOf(e)] as const)]);
    const record: BlobRecord = {
      blobType: content.blobType,
      size: content.blobType === 'PageBlob' ? content.size : blocks.reduce((n, b) => n + b.size, 0),
      etag: newEtag(),
      createdAt: existing?.createdAt ?? now,
      lastModified: now,
      properties: write.properties,
      metadataExtentId,
      serverEncrypted: isServerEncrypted([...referenced].flatMap((id) => (extents.has(id) ? [extents.get(id)!.encrypted] : [])), write.encrypt),
      sequenceNumber: write.sequenceNumber ?? 0,
      copy: write.copy ?? null,
      accessTier: write.accessTier ?? null,
      accessTierChangedAt: write.accessTier ? now : null,
      lease: existing?.lease ?? null, // the lease holder may replace the blob and keep its lease
    };
    const obsolete = [...extentsOf(before), ...(existing?.metadataExtentId ? [existing.metadataExtentId] : [])];
    const writes = new WriteBatch();
    insertExtentRows(writes, store.region, added);
    saveBlob(writes, key, record);
    insertCommittedBlocks(writes, key, blocks);
    insertPageRanges(writes, key, pages);
    retireExtentRows(writes, [...new Set(obsolete.filter((id) => !referenced.has(id)))]);
    enqueueChange(writes, blobStreamId(key), blobCommittedEvent(key, write.region, record, dataIds, extents, content.blobType === 'PageBlob' ? pages : undefined), now, write.eventMetadata);
    await writes.run(manager);
    return record;
  });
