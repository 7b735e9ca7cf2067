import { deleteExtentRowsIn } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import { WriteBatch } from '../../region-stores/write-batch';
import { BLOB_WHERE, blobParams, type BlobKey } from '../store/blob-keys';
import { lockBlob } from '../store/block.repository';

/**
 * How long a blob's uncommitted blocks outlive its last Put Block (or Put
 * Block List, which discards them anyway): Azure garbage-collects them after
 * a week without either.
 */
export const UNCOMMITTED_BLOCK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const PAGE = 100;

interface KeyRow {
  account_name: string;
  account_incarnation: number;
  container_name: string;
  blob_name: string;
}

/** The blobs of a store whose staged blocks were all staged before `cutoff`, in key order, a page at a time. */
export async function* blobsWithExpiredBlocks(store: RegionStore, cutoff: Date): AsyncGenerator<BlobKey> {
  let after: unknown[] = ['', -1, '', ''];
  for (;;) {
    const rows = await store.query<KeyRow[]>(
      `SELECT account_name, account_incarnation, container_name, blob_name FROM staged_blocks
       WHERE (account_name, account_incarnation, container_name, blob_name) > ($1, $2, $3, $4)
       GROUP BY account_name, account_incarnation, container_name, blob_name
       HAVING max(staged_at) < $5
       ORDER BY account_name, account_incarnation, container_name, blob_name LIMIT ${PAGE}`,
      [...after, cutoff],
    );
    for (const row of rows) yield { account: row.account_name, incarnation: Number(row.account_incarnation), container: row.container_name, blob: row.blob_name };
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = [last.account_name, last.account_incarnation, last.container_name, last.blob_name];
  }
}

/**
 * Discards a blob's staged blocks and their extents (files once committed)
 * if none was staged since `cutoff`: under the blob's lock, so a Put Block
 * or Put Block List meanwhile either came first (and keeps them, or
 * committed them) or sees them gone. How many blocks went.
 */
export const discardExpiredBlocks = (store: RegionStore, key: BlobKey, cutoff: Date): Promise<number> =>
  store.transaction(async (manager, after) => {
    if (!(await lockBlob(manager, key))) return 0;
    let blocks = 0;
    const writes = new WriteBatch();
    writes.add(
      'expired_blocks',
      `DELETE FROM staged_blocks WHERE ${BLOB_WHERE} AND NOT EXISTS (SELECT 1 FROM staged_blocks WHERE ${BLOB_WHERE} AND staged_at >= $5) RETURNING extent_ids`,
      [...blobParams(key), cutoff],
      (rows) => (blocks = rows.length),
    );
    deleteExtentRowsIn(writes, after, 'SELECT unnest(extent_ids) FROM expired_blocks');
    await writes.run(manager);
    return blocks;
  });
