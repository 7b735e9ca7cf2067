import type { StoredExtent } from '../../extents/stored-extent';
import type { ByteSpan } from '../domain/page-ranges';
import { isServerEncrypted } from '../domain/server-encrypted';
import { metadataExtentColumn, metadataExtentOf } from './blob.repository';
import { BLOB_WHERE } from './blob-keys';
import type { ChangeReadPart } from './change-read';

/**
 * Part of a change's read: whether the data extents the blob's blocks and
 * page ranges use (but those of ranges overlapping `excluded`, which the
 * change replaces) are all encrypted: one flag, none when there are none.
 */
export const dataEncryption = (excluded: ByteSpan = { start: 0, end: 0 }): ChangeReadPart<boolean[]> => ({
  columns: [
    `(SELECT json_build_object('n', count(*), 'encrypted', coalesce(bool_and(encrypted), true)) FROM extents WHERE id IN (
        SELECT unnest(extent_ids) FROM blob_blocks WHERE ${BLOB_WHERE}
        UNION SELECT extent_id FROM page_ranges WHERE ${BLOB_WHERE} AND NOT (start_offset < $6 AND end_offset > $5))) AS data_encryption`,
  ],
  parameters: [excluded.start, excluded.end],
  parse: (row) => {
    const { n, encrypted } = row.data_encryption as { n: number; encrypted: boolean };
    return n > 0 ? [encrypted] : [];
  },
});

/** Part of a change's read: what reads need of the blob's metadata extent (undefined when it has none). */
export const metadataExtent = (): ChangeReadPart<StoredExtent | undefined> => ({
  columns: [metadataExtentColumn(false)],
  parse: metadataExtentOf,
});

/**
 * x-ms-server-encrypted after a change: every extent the blob's blocks or
 * pages use (`dataEncrypted`: their flags) and its metadata extent,
 * encrypted; a blob without any follows the write that left it so.
 */
export const serverEncryptedOf = (dataEncrypted: readonly boolean[], metadata: Pick<StoredExtent, 'encrypted'> | undefined, lastWriteEncrypted: boolean): boolean =>
  isServerEncrypted([...dataEncrypted, ...(metadata ? [metadata.encrypted] : [])], lastWriteEncrypted);
