import { BLOB_WHERE, blobParams, blobStreamId, CONTAINER_WHERE, containerParams, containerStreamId, type BlobKey, type ContainerKey } from '../../blobs/store/blob-keys';
import type { RegionStore } from '../../region-stores/region-store';
import type { BlobSnapshot, ContainerSnapshot } from '../domain/snapshots';
import { BLOB_EXTENT_IDS } from './blob-extent-ids.sql';

// Each snapshot is one statement, so one MVCC snapshot: the version and the
// rows always belong together, whatever commits meanwhile.

const versionOf = (param: string) => `coalesce((SELECT version FROM blob_streams WHERE stream_id = ${param}), 0)`;

export const readBlobSnapshot = async (store: RegionStore, key: BlobKey): Promise<BlobSnapshot> => {
  const [row] = await store.query<
    { version: number; container_version: number; blob: string | null; blocks: string; pages: string; extent_ids: string[] }[]
  >(
    `SELECT ${versionOf('$5')} AS version, ${versionOf('$6')} AS container_version,
       (SELECT row_to_json(b)::text FROM blobs b WHERE ${BLOB_WHERE}) AS blob,
       (SELECT coalesce(json_agg(x ORDER BY x.ordinal), '[]')::text FROM blob_blocks x WHERE ${BLOB_WHERE}) AS blocks,
       (SELECT coalesce(json_agg(x ORDER BY x.start_offset), '[]')::text FROM page_ranges x WHERE ${BLOB_WHERE}) AS pages,
       ${BLOB_EXTENT_IDS} AS extent_ids`,
    [...blobParams(key), blobStreamId(key), containerStreamId(key)],
  );
  return {
    version: row.version,
    containerVersion: row.container_version,
    blob: row.blob === null ? null : { row: row.blob, blocks: row.blocks, pages: row.pages },
    extentIds: row.blob === null ? [] : row.extent_ids,
  };
};

export const readContainerSnapshot = async (store: RegionStore, key: ContainerKey): Promise<ContainerSnapshot> => {
  const [row] = await store.query<{ version: number; container: string | null }[]>(
    `SELECT ${versionOf('$4')} AS version, (SELECT row_to_json(c)::text FROM containers c WHERE ${CONTAINER_WHERE}) AS container`,
    [...containerParams(key), containerStreamId(key)],
  );
  return { version: row.version, container: row.container };
};
