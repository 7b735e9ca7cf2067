// Azure's limits, and atrest's documented caps (docs/adr/0006-encrypted-extent-store.md).

const MiB = 1024 * 1024;

/** atrest's cap on one Put Blob or Put Block body (Azure: up to 5000 / 4000 MiB in recent versions). */
export const MAX_UPLOAD_BYTES = 100 * MiB;
export const MAX_COMMITTED_BLOCKS = 50_000;
/**
 * atrest's cap on the extents one blob references (about 20 GiB in 4 MiB
 * blocks): BlobCommitted lists them, and must stay under Kafka's 1 MB message
 * limit, or the region's relay would stall (docs/adr/0006, Consequences).
 */
export const MAX_EXTENTS_PER_BLOB = 5_000;
export const MAX_UNCOMMITTED_BLOCKS = 100_000;
/** A block id is base64 of at most 64 bytes. */
export const MAX_BLOCK_ID_BYTES = 64;
/** Names and values of all x-ms-meta-* headers together. */
export const MAX_METADATA_BYTES = 8 * 1024;
/** A Put Block List body (50,000 entries of a 64-byte id and its element fit well below this). */
export const MAX_BLOCK_LIST_XML_BYTES = 16 * MiB;
/** List Containers / List Blobs page size (maxresults) bounds and default. */
export const MAX_LIST_RESULTS = 5_000;
/** An Append Block body: 4 MiB, Azure's limit before version 2022-11-02 (later versions allow 100 MiB). */
export const MAX_APPEND_BLOCK_BYTES = 4 * MiB;
/** Committed blocks of an append blob. */
export const MAX_APPEND_BLOCKS = 50_000;
/** A Put Page body (update): 4 MiB, as in Azure. */
export const MAX_PAGE_WRITE_BYTES = 4 * MiB;
/**
 * atrest's cap on a page blob's logical size: 1 TiB (Azure: 8 TiB). Only
 * written pages are stored; the cap bounds what a full read of a sparse blob streams.
 */
export const MAX_PAGE_BLOB_BYTES = 1024 * 1024 * MiB;
/** The largest range whose MD5 Get Blob answers (x-ms-range-get-content-md5), as Azure. */
export const MAX_RANGE_MD5_BYTES = 4 * MiB;
