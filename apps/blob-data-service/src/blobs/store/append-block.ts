import type { EventMetadata } from '@atrest/contracts';
import { insertExtentRows } from '../../extents/extent.repository';
import type { WrittenData } from '../../extents/extent-writer';
import type { RegionStore } from '../../region-stores/region-store';
import { WriteBatch } from '../../region-stores/write-batch';
import { checkAppend, type AppendConditions } from '../domain/append';
import type { Conditions } from '../domain/conditions';
import { newEtag } from '../domain/etag';
import { isServerEncryptedAfterAppend } from '../domain/server-encrypted';
import type { BlobRecord } from './blob-record';
import { saveBlob } from './blob.repository';
import { blobStreamId, type BlobKey } from './blob-keys';
import { addCommittedBlock, COMMITTED_BLOCK_COUNT } from './block.repository';
import { changedBlobData } from './blob-committed.event';
import { enqueueChange } from './change-events';
import type { ChangeReadPart } from './change-read';
import { openExistingForChange } from './open-for-change';

export interface AppendWrite {
  readonly key: BlobKey;
  readonly region: string;
  readonly now: Date;
  readonly eventMetadata: EventMetadata;
  readonly conditions: Conditions;
  readonly appendConditions: AppendConditions;
  /** The block, stored as extents whose rows this commit inserts. */
  readonly block: WrittenData;
}

export interface Appended {
  readonly blob: BlobRecord;
  readonly appendOffset: number;
  readonly committedBlockCount: number;
}

/** Part of Append Block's read: how many blocks the blob has committed. */
const committedBlockCountPart: ChangeReadPart<number> = {
  columns: [`${COMMITTED_BLOCK_COUNT} AS committed_block_count`],
  parse: (row) => row.committed_block_count as number,
};

/**
 * Append Block's commit: the block goes at the end of the append blob (its
 * conditions checked on the blob as it is now), with its extents' rows and
 * BlockAppended naming only the new extents, in one transaction. The blob stays server-encrypted
 * only if the new block is.
 */
export const appendBlock = (store: RegionStore, write: AppendWrite): Promise<Appended> =>
  store.transaction(async (manager) => {
    const { key, now, block } = write;
    const { blob: existing, blockCount } = await openExistingForChange(manager, key, write.conditions, 'AppendBlob', { blockCount: committedBlockCountPart });
    checkAppend({ size: existing.size, blockCount }, block.size, write.appendConditions);
    const record: BlobRecord = {
      ...existing,
      size: existing.size + block.size,
      etag: newEtag(),
      lastModified: now,
      serverEncrypted: isServerEncryptedAfterAppend(existing, block.extents.map((e) => e.encrypted)),
    };
    const data = { ...changedBlobData(key, write.region, record), appendOffset: existing.size, size: record.size, committedBlockCount: blockCount + 1, extents: [...block.extents] };
    const writes = new WriteBatch();
    insertExtentRows(writes, store.region, block.rows);
    addCommittedBlock(writes, key, blockCount, existing.size, { size: block.size, extentIds: block.extents.map((e) => e.extentId) });
    saveBlob(writes, key, record);
    enqueueChange(writes, blobStreamId(key), { type: 'BlockAppended', data }, now, write.eventMetadata);
    await writes.run(manager);
    return { blob: record, appendOffset: existing.size, committedBlockCount: blockCount + 1 };
  });
