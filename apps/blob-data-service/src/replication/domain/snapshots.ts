import { z } from 'zod';

// What the internal replication API moves between region stores
// (docs/adr/0007-geo-replication.md): a stream's state as rows of the
// region schema, with the stream's version. References to extents only:
// their bytes travel on the extent API.

/**
 * Rows as Postgres renders them (row_to_json / json_agg text), carried as
 * text and never parsed on the way: a bigint stays exact, a column added
 * to the schema travels without code here.
 */
const rowsText = z.string().min(2);
const version = z.number().int().nonnegative();

/** A blob as its primary holds it at `version`; `blob: null` when it does not exist (never did, or deleted). */
export const blobSnapshotSchema = z.object({
  version,
  /** The version of the blob's container stream in the same snapshot: the secondary must be at it to take the blob. */
  containerVersion: version,
  blob: z.object({ row: rowsText, blocks: rowsText, pages: rowsText }).nullable(),
  /** Every extent the blob references (data and metadata): the secondary must hold each before it takes the blob. */
  extentIds: z.array(z.uuid()),
});

export const containerSnapshotSchema = z.object({ version, container: rowsText.nullable() });

export type BlobSnapshot = z.infer<typeof blobSnapshotSchema>;
export type ContainerSnapshot = z.infer<typeof containerSnapshotSchema>;

/** The generation of the snapshot's container (the one column read on the way): null without one, or without a container. */
export const containerGenerationOf = (snapshot: ContainerSnapshot): string | null => {
  if (snapshot.container === null) return null;
  const { generation } = JSON.parse(snapshot.container) as { generation?: unknown };
  return typeof generation === 'string' ? generation : null;
};
