import type { BlobType, EventMetadata, ExtentRef } from '@atrest/contracts';
import type { RegionStore } from '../../region-stores/region-store';
import { deleteExtents, findExtents } from '../../extents/extent.repository';
import { blobError } from '../domain/blob.errors';
import { evaluateConditions, type Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import type { StoredBlock } from '../domain/block-list';
import { MAX_EXTENTS_PER_BLOB } from '../domain/limits';
import { isServerEncrypted } from '../domain/server-encrypted';
import type { BlobRecord, ContentProperties } from './blob-record';
import { findBlob, saveBlob } from './blob.repository';
import { committedBlocks, discardStagedBlocks, lockBlob, replaceCommittedBlocks, stagedBlocks, type CommittedBlock } from './block.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { findContainer } from './container.repository';
import { blobCommittedEvent } from './blob-committed.event';
import { publishChange } from './change-events';

/** The blob's layout before a commit: what Put Block List resolves names against. */
export interface CurrentLayout {
  /** The type of the blob being replaced, if there is one. */
  readonly blobType?: BlobType;
  readonly committed: readonly CommittedBlock[];
  readonly staged: ReadonlyMap<string, StoredBlock>;
}

export type NewBlock = Pick<CommittedBlock, 'id' | 'size' | 'extentIds'>;

/** One change to a blob; what is left undefined stays as it is. */
export interface BlobWrite {
  readonly key: BlobKey;
  readonly region: string;
  readonly now: Date;
  readonly eventMetadata: EventMetadata;
  readonly conditions: Conditions;
  /** The account's SSE state when the request arrived (decides the state of a blob without extents). */
  readonly encrypt: boolean;
  /** New content: the blob's committed blocks, computed from the current layout (staged blocks are then discarded). */
  readonly layout?: (current: CurrentLayout) => readonly NewBlock[];
  readonly blobType?: BlobType;
  /** The new metadata extent, or null for none; undefined keeps the current one. */
  readonly metadataExtent?: ExtentRef | null;
  readonly properties?: ContentProperties;
}

/**
 * The one transaction every blob change goes through: the container is
 * locked against deletion, the blob against concurrent changes; the
 * conditions are checked on the row as it is now; the layout, the row and
 * the BlobCommitted event are written together, and extents nothing
 * references any more are deleted. Returns the blob as committed.
 */
export const commitBlob = (store: RegionStore, write: BlobWrite): Promise<BlobRecord> =>
  store.transaction(async (manager) => {
    const { key, now } = write;
    if (!(await findContainer(manager, key, 'share'))) throw blobError('ContainerNotFound');
    await lockBlob(manager, key);
    const existing = await findBlob(manager, key);
    if (!existing && !write.layout) throw blobError('BlobNotFound');
    evaluateConditions(write.conditions, existing, 'write');

    const before = await committedBlocks(manager, key);
    const blocks: readonly NewBlock[] = write.layout
      ? write.layout({ blobType: existing?.blobType, committed: before, staged: await stagedBlocks(manager, key) })
      : before;
    const metadataExtentId = write.metadataExtent === undefined ? (existing?.metadataExtentId ?? null) : (write.metadataExtent?.extentId ?? null);

    const dataIds = blocks.flatMap((b) => b.extentIds);
    if (dataIds.length > MAX_EXTENTS_PER_BLOB)
      throw blobError('BlockCountExceedsLimit', `atrest commits at most ${MAX_EXTENTS_PER_BLOB} extents (4 MiB each at most) per blob; this block list needs ${dataIds.length}.`);
    const referenced = new Set([...dataIds, ...(metadataExtentId ? [metadataExtentId] : [])]);
    const extents = await findExtents(manager, [...referenced]);
    const contentChanged = write.layout !== undefined || write.metadataExtent !== undefined;
    const record: BlobRecord = {
      blobType: write.blobType ?? existing!.blobType,
      size: blocks.reduce((n, b) => n + b.size, 0),
      etag: newEtag(),
      createdAt: existing?.createdAt ?? now,
      lastModified: now,
      properties: write.properties ?? existing!.properties,
      metadataExtentId,
      serverEncrypted: isServerEncrypted(
        [...extents.values()].map((e) => e.encrypted),
        contentChanged ? write.encrypt : (existing?.serverEncrypted ?? write.encrypt),
      ),
    };
    await saveBlob(manager, key, record);
    let discarded: string[] = [];
    if (write.layout) {
      await replaceCommittedBlocks(manager, key, blocks);
      discarded = await discardStagedBlocks(manager, key);
    }

    const obsolete = [...before.flatMap((b) => b.extentIds), ...discarded, ...(existing?.metadataExtentId ? [existing.metadataExtentId] : [])];
    await deleteExtents(manager, [...new Set(obsolete.filter((id) => !referenced.has(id)))]);
    await publishChange(manager, blobStreamId(key), blobCommittedEvent(key, write.region, record, dataIds, extents), now, write.eventMetadata);
    return record;
  });
