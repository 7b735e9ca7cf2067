import { BLOB_WHERE } from '../../blobs/store/blob-keys';

/**
 * Every extent a blob's rows reference (layout and metadata), as one uuid[]
 * expression over BLOB_WHERE's parameters ($1-$4).
 */
export const BLOB_EXTENT_IDS = `(SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
    SELECT unnest(extent_ids) AS id FROM blob_blocks WHERE ${BLOB_WHERE}
    UNION SELECT extent_id FROM page_ranges WHERE ${BLOB_WHERE}
    UNION SELECT metadata_extent_id FROM blobs WHERE ${BLOB_WHERE} AND metadata_extent_id IS NOT NULL) AS referenced)`;
