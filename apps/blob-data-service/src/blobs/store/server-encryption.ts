import type { EntityManager } from 'typeorm';
import { isServerEncrypted } from '../domain/server-encrypted';
import { BLOB_WHERE, blobParams, type BlobKey } from './blob-keys';

/**
 * x-ms-server-encrypted of the blob as stored now (in the change's
 * transaction): every extent its blocks or pages use, and its metadata
 * extent, encrypted; a blob without any follows the write that left it so.
 */
export const storedServerEncrypted = async (manager: EntityManager, key: BlobKey, metadataExtentId: string | null, lastWriteEncrypted: boolean): Promise<boolean> => {
  const [{ n, all_encrypted }] = await manager.query<{ n: number; all_encrypted: boolean }[]>(
    `SELECT count(*)::int AS n, coalesce(bool_and(encrypted), true) AS all_encrypted FROM extents WHERE id IN (
       SELECT unnest(extent_ids) FROM blob_blocks WHERE ${BLOB_WHERE}
       UNION SELECT extent_id FROM page_ranges WHERE ${BLOB_WHERE}
       UNION SELECT $5::uuid WHERE $5::uuid IS NOT NULL)`,
    [...blobParams(key), metadataExtentId],
  );
  return isServerEncrypted(n > 0 ? [all_encrypted] : [], lastWriteEncrypted);
};
