import type { EntityManager } from 'typeorm';
import type { BlobType } from '@atrest/contracts';
import { EXTENT_COLUMNS, extentColumnsWithBytes, storedExtentsOf, type ExtentRow } from '../../extents/extent.repository';
import type { StoredExtent } from '../../extents/stored-extent';
import type { RegionStore } from '../../region-stores/region-store';
import type { WriteBatch } from '../../region-stores/write-batch';
import type { BlobAccessTier } from '../domain/access-tier';
import type { Lease } from '../domain/lease';
import type { BlobRecord } from './blob-record';
import { LEASE_COLUMNS, leaseAssignment, leaseOf, leaseValues, type LeaseRow } from './lease-columns';
import { afterPrefix } from '../domain/name-order';
import { isServerEncrypted } from '../domain/server-encrypted';
import { BLOB_WHERE, blobParams, CONTAINER_WHERE, containerParams, containerWhereOf, type BlobKey, type ContainerKey } from './blob-keys';
import type { PageRange } from '../domain/page-ranges';
import { pinnedPagesJson, pinnedPagesOf, type PageRow } from './page.repository';
import { blockLayoutOf, COMMITTED_BLOCK_COUNT, committedLayoutJson, type BlockLayout, type LayoutJson } from './block.repository';

type Db = EntityManager | RegionStore;

export interface BlobRow extends LeaseRow {
  blob_name: string;
  blob_type: BlobType;
  size: string;
  etag: string;
  created_at: Date;
  last_modified: Date;
  content_type: string | null;
  content_encoding: string | null;
  content_language: string | null;
  content_disposition: string | null;
  cache_control: string | null;
  content_md5: Buffer | null;
  metadata_extent_id: string | null;
  server_encrypted: boolean;
  sequence_number: string;
  copy_id: string | null;
  copy_source: string | null;
  copy_status: 'success' | null;
  copy_progress: string | null;
  copy_completed_at: Date | null;
  access_tier: BlobAccessTier | null;
  access_tier_changed_at: Date | null;
}

export const BLOB_COLUMNS = `blob_name, blob_type, size, etag, created_at, last_modified, content_type, content_encoding, content_language,
  content_disposition, cache_control, content_md5, metadata_extent_id, server_encrypted, sequence_number,
  copy_id, copy_source, copy_status, copy_progress, copy_completed_at, access_tier, access_tier_changed_at, ${LEASE_COLUMNS}`;

export const blobRecordOf = (row: BlobRow): BlobRecord => ({
  blobType: row.blob_type,
  size: Number(row.size),
  etag: row.etag,
  createdAt: row.created_at,
  lastModified: row.last_modified,
  properties: {
    contentType: row.content_type,
    contentEncoding: row.content_encoding,
    contentLanguage: row.content_language,
    contentDisposition: row.content_disposition,
    cacheControl: row.cache_control,
    contentMd5: row.content_md5,
  },
  metadataExtentId: row.metadata_extent_id,
  serverEncrypted: row.server_encrypted,
  sequenceNumber: Number(row.sequence_number),
  copy: row.copy_id
    ? { id: row.copy_id, source: row.copy_source!, status: row.copy_status!, progress: row.copy_progress!, completedAt: row.copy_completed_at! }
    : null,
  accessTier: row.access_tier,
  accessTierChangedAt: row.access_tier_changed_at,
  lease: leaseOf(row),
});

/** Sets (or, null, ends) the blob's lease; its ETag and times stay (Lease Blob changes neither). */
export const saveBlobLease = async (manager: EntityManager, key: BlobKey, lease: Lease | null): Promise<void> => {
  await manager.query(`UPDATE blobs SET ${leaseAssignment(5)} WHERE ${BLOB_WHERE}`, [...blobParams(key), ...leaseValues(lease)]);
};

/** The blob's row (changes read it after lockBlob). */
export const findBlob = async (db: Db, key: BlobKey): Promise<BlobRecord | undefined> => {
  const [row] = await db.query<BlobRow[]>(`SELECT ${BLOB_COLUMNS} FROM blobs WHERE ${BLOB_WHERE}`, blobParams(key));
  return row && blobRecordOf(row);
};

/**
 * A blob row's metadata extent as JSON (`metadata_extent`): what reads need
 * of it and, `withBytes`, its inline bytes (a reader's, not a change's).
 */
export const metadataExtentColumn = (withBytes: boolean): string =>
  `(SELECT row_to_json(m) FROM (SELECT ${withBytes ? extentColumnsWithBytes('true') : EXTENT_COLUMNS} WHERE e.id = blobs.metadata_extent_id) m) AS metadata_extent`;
const METADATA_EXTENT = metadataExtentColumn(true);

type MetadataExtentColumn = { metadata_extent: ExtentRow | null };

/** The metadata extent metadataExtentColumn selected (undefined when the blob has none). */
export const metadataExtentOf = (row: Partial<MetadataExtentColumn>): StoredExtent | undefined =>
  row.metadata_extent ? storedExtentsOf([row.metadata_extent]).get(row.metadata_extent.id) : undefined;

/** A blob's row and, read with it, what reading the blob needs. */
export interface BlobWithContent {
  readonly blob: BlobRecord;
  /** With its bytes when inline (as metadata extents are). */
  readonly metadataExtent?: StoredExtent;
  /** Of an append blob. */
  readonly committedBlockCount?: number;
  /** Of a block or append blob, when a span was asked for: its blocks overlapping the span. */
  readonly layout?: BlockLayout;
  /** Of a page blob, when a span was asked for: its ranges overlapping the span, unless there are more than PINNED_PAGE_RANGES. */
  readonly pages?: PageRange[];
}

/**
 * The blob's row, its metadata extent, an append blob's block count and,
 * given the span a read asks for (which may run past the blob's end), the
 * layout of that span with the bytes of its first inline extents, or a page
 * blob's ranges in it: one statement, so a small blob is read in a single
 * round trip, and from one snapshot.
 */
export const findBlobWithContent = async (db: Db, key: BlobKey, span?: { start: number; end: number }): Promise<BlobWithContent | undefined> => {
  const [row] = await db.query<Array<BlobRow & MetadataExtentColumn & { committed_block_count: number | null; layout: LayoutJson | null; pages: PageRow[] | null }>>(
    `SELECT ${BLOB_COLUMNS},
            ${METADATA_EXTENT},
            CASE WHEN blob_type = 'AppendBlob' THEN ${COMMITTED_BLOCK_COUNT} END AS committed_block_count,
            CASE WHEN blob_type <> 'PageBlob' AND $5::bigint IS NOT NULL THEN ${committedLayoutJson('$5::bigint', '$6::bigint')} END AS layout,
            CASE WHEN blob_type = 'PageBlob' AND $5::bigint IS NOT NULL THEN ${pinnedPagesJson('$5::bigint', '$6::bigint')} END AS pages
       FROM blobs WHERE ${BLOB_WHERE}`,
    [...blobParams(key), span?.start ?? null, span?.end ?? null],
  );
  if (!row) return undefined;
  return {
    blob: blobRecordOf(row),
    metadataExtent: metadataExtentOf(row),
    committedBlockCount: row.committed_block_count ?? undefined,
    layout: row.layout ? blockLayoutOf(row.layout) : undefined,
    pages: pinnedPagesOf(row.pages),
  };
};

/** Adds to `writes` the blob's row, inserted or replacing the one there. */
export const saveBlob = (writes: WriteBatch, key: BlobKey, blob: BlobRecord): void => {
  const p = blob.properties;
  writes.add(
    'saved_blob',
    `INSERT INTO blobs (account_name, account_incarnation, container_name, blob_name, blob_type, size, etag, created_at, last_modified,
       content_type, content_encoding, content_language, content_disposition, cache_control, content_md5, metadata_extent_id, server_encrypted,
       sequence_number, copy_id, copy_source, copy_status, copy_progress, copy_completed_at, access_tier, access_tier_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
     ON CONFLICT (account_name, account_incarnation, container_name, blob_name) DO UPDATE SET
       blob_type = EXCLUDED.blob_type, size = EXCLUDED.size, etag = EXCLUDED.etag, created_at = EXCLUDED.created_at,
       last_modified = EXCLUDED.last_modified, content_type = EXCLUDED.content_type, content_encoding = EXCLUDED.content_encoding,
       content_language = EXCLUDED.content_language, content_disposition = EXCLUDED.content_disposition,
       cache_control = EXCLUDED.cache_control, content_md5 = EXCLUDED.content_md5,
       metadata_extent_id = EXCLUDED.metadata_extent_id, server_encrypted = EXCLUDED.server_encrypted,
       sequence_number = EXCLUDED.sequence_number, copy_id = EXCLUDED.copy_id, copy_source = EXCLUDED.copy_source,
       copy_status = EXCLUDED.copy_status, copy_progress = EXCLUDED.copy_progress, copy_completed_at = EXCLUDED.copy_completed_at,
       access_tier = EXCLUDED.access_tier, access_tier_changed_at = EXCLUDED.access_tier_changed_at`,
    [
      ...blobParams(key),
      blob.blobType,
      blob.size,
      blob.etag,
      blob.createdAt,
      blob.lastModified,
      p.contentType,
      p.contentEncoding,
      p.contentLanguage,
      p.contentDisposition,
      p.cacheControl,
      p.contentMd5,
      blob.metadataExtentId,
      blob.serverEncrypted,
      blob.sequenceNumber,
      blob.copy?.id ?? null,
      blob.copy?.source ?? null,
      blob.copy?.status ?? null,
      blob.copy?.progress ?? null,
      blob.copy?.completedAt ?? null,
      blob.accessTier,
      blob.accessTierChangedAt,
    ],
  );
};

/** Adds to `writes` the delete of the blob's row. */
export const deleteBlobRow = (writes: WriteBatch, key: BlobKey): void => writes.add('deleted_blob', `DELETE FROM blobs WHERE ${BLOB_WHERE}`, blobParams(key));

/** What a listing reads with the rows. */
export interface BlobListingOptions {
  /** Each blob's metadata extent, in the same statement (no query per blob). */
  readonly withMetadata: boolean;
  /** Blobs that have staged blocks but no committed content yet (include=uncommittedblobs). */
  readonly withUncommitted: boolean;
}

/** What a listing read of a blob with staged blocks only: when they were staged, and whether each of their extents is encrypted. */
interface UncommittedColumns {
  listed_name: string;
  staged_first: Date | null;
  staged_last: Date | null;
  staged_encrypted: boolean[] | null;
}

/**
 * A blob that has staged blocks but was never committed, as List Blobs
 * shows it (Azure's and Azurite's shape): an empty block blob created by
 * its first Put Block, last modified by its latest, server-encrypted if
 * every staged extent is. Nothing else can read it (BlobNotFound), so its
 * ETag only has to change when another block is staged.
 */
const uncommittedBlobRecordOf = (row: UncommittedColumns): BlobRecord => ({
  blobType: 'BlockBlob',
  size: 0,
  etag: `"0x${row.staged_last!.getTime().toString(16).toUpperCase()}"`,
  createdAt: row.staged_first!,
  lastModified: row.staged_last!,
  properties: { contentType: null, contentEncoding: null, contentLanguage: null, contentDisposition: null, cacheControl: null, contentMd5: null },
  metadataExtentId: null,
  serverEncrypted: isServerEncrypted(row.staged_encrypted ?? [], false),
  sequenceNumber: 0,
  copy: null,
  accessTier: null,
  accessTierChangedAt: null,
  lease: null,
});

/** Names of a container's `table` that start with $5 (its upper bound $6), from $4, the first $7 in order. */
const namesIn = (table: string): string =>
  `(SELECT DISTINCT blob_name FROM ${table} WHERE ${CONTAINER_WHERE} AND blob_name >= $4 AND blob_name >= $5 AND ($5 = '' OR blob_name < $6) ORDER BY blob_name LIMIT $7)`;

/**
 * Blobs of a container whose names start with `prefix`, in name order from
 * `startAt` (inclusive); with uncommitted blobs, those of staged blocks only
 * among them.
 */
export const listBlobRows = async (
  db: Db,
  key: ContainerKey,
  prefix: string,
  startAt: string,
  limit: number,
  { withMetadata, withUncommitted }: BlobListingOptions,
): Promise<Array<{ name: string; blob: BlobRecord; metadataExtent?: StoredExtent }>> => {
  const columns = `${BLOB_COLUMNS}${withMetadata ? `, ${METADATA_EXTENT}` : ''}`;
  const rows = await db.query<Array<Partial<BlobRow> & Partial<MetadataExtentColumn> & UncommittedColumns>>(
    withUncommitted
      ? `WITH names (listed_name) AS (${namesIn('blobs')} UNION ${namesIn('staged_blocks')})
         SELECT names.listed_name, ${columns}, staged.*
           FROM names
           LEFT JOIN blobs ON ${containerWhereOf('blobs')} AND blobs.blob_name = names.listed_name
           LEFT JOIN LATERAL (
             SELECT min(s.staged_at) AS staged_first, max(s.staged_at) AS staged_last, array_agg(e.encrypted) FILTER (WHERE e.id IS NOT NULL) AS staged_encrypted
               FROM staged_blocks s LEFT JOIN extents e ON e.id = ANY (s.extent_ids)
              WHERE ${containerWhereOf('s')} AND s.blob_name = names.listed_name
           ) staged ON blobs.blob_name IS NULL
          ORDER BY names.listed_name LIMIT $7`
      : `SELECT blob_name AS listed_name, ${columns} FROM blobs WHERE ${CONTAINER_WHERE} AND blob_name >= $4 AND blob_name >= $5
           AND ($5 = '' OR blob_name < $6) ORDER BY blob_name LIMIT $7`,
    [...containerParams(key), startAt, prefix, afterPrefix(prefix), limit],
  );
  return rows.map((row) => ({
    name: row.listed_name,
    blob: row.blob_type ? blobRecordOf(row as BlobRow) : uncommittedBlobRecordOf(row),
    metadataExtent: metadataExtentOf(row),
  }));
};
