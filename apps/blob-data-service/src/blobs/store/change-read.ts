import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import { renumberParameters } from '../../region-stores/write-batch';
import type { BlobRecord } from './blob-record';
import { BLOB_COLUMNS, blobRecordOf, type BlobRow } from './blob.repository';
import { BLOB_WHERE, blobParams, CONTAINER_WHERE, type BlobKey } from './blob-keys';

/**
 * What a change reads besides the blob's row, in the same statement: columns
 * of its one row (and CTEs, which may delete what the change replaces), in
 * SQL where BLOB_WHERE names the blob ($1-$4) and the part's own parameters
 * are $5, $6...; `parse` makes its value of the row.
 */
export interface ChangeReadPart<T> {
  readonly ctes?: readonly string[];
  readonly columns: readonly string[];
  readonly parameters?: readonly unknown[];
  readonly parse: (row: Record<string, unknown>) => T;
}

export type ChangeReadParts = Record<string, ChangeReadPart<unknown>>;

export type ChangeRead<P extends ChangeReadParts> = { readonly blob: BlobRecord | undefined } & { readonly [K in keyof P]: NonNullable<P[K]> extends ChangeReadPart<infer T> ? T : never };

/**
 * The blob's row (undefined when it does not exist) and the parts a change
 * needs, in one statement, so from one snapshot: in a change, read after the
 * blob's lock (a statement of its own, so that this snapshot follows it).
 */
export const readForChange = async <P extends ChangeReadParts>(db: EntityManager | RegionStore, key: BlobKey, parts: P): Promise<ChangeRead<P>> => {
  const parameters = blobParams(key);
  const ctes: string[] = [];
  const columns: string[] = [];
  for (const part of Object.values(parts)) {
    const own = (sql: string) => renumberParameters(sql, parameters.length - 4, 5);
    ctes.push(...(part.ctes ?? []).map(own));
    columns.push(...part.columns.map(own));
    parameters.push(...(part.parameters ?? []));
  }
  const [row] = await db.query<Array<BlobRow & Record<string, unknown>>>(
    `${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}SELECT ${[BLOB_COLUMNS, ...columns].join(',\n')}
       FROM (VALUES (true)) AS one (present) LEFT JOIN blobs ON ${BLOB_WHERE}`,
    parameters,
  );
  const read: Record<string, unknown> = { blob: row.blob_type === null ? undefined : blobRecordOf(row) };
  for (const [name, part] of Object.entries(parts)) read[name] = part.parse(row);
  return read as ChangeRead<P>;
};

/** Part of a read: whether the blob's container exists (a preflight's check; a change's lock tells it). */
export const containerExists: ChangeReadPart<boolean> = {
  columns: [`EXISTS (SELECT 1 FROM containers WHERE ${CONTAINER_WHERE}) AS container_exists`],
  parse: (row) => row.container_exists as boolean,
};
