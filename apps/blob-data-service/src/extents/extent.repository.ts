import type { EntityManager } from 'typeorm';
import type { ExtentRef } from '@atrest/contracts';
import type { StoredDataKey } from '../keys/data-keys';
import type { AfterCommit, RegionStore } from '../region-stores/region-store';
import { WriteBatch } from '../region-stores/write-batch';
import { storedSize, type ExtentKind } from './package-format';
import type { StoredExtent } from './stored-extent';

type Db = EntityManager | RegionStore;

/** A sealed (or plain) extent whose row is about to be inserted. */
export interface NewExtent {
  readonly id: string;
  readonly account: string;
  readonly kind: ExtentKind;
  readonly size: number;
  /** The stored bytes of a small extent, kept in its row; undefined when they are in the extent's file (already durable). */
  readonly inline?: Buffer;
  /** Present when encrypted: the key that sealed it. */
  readonly key?: StoredDataKey;
}

/**
 * Adds to `writes` the insert of extent rows, and of the rows of the data
 * keys that sealed them where the store lacks them: part of the commit that
 * makes them reachable (docs/adr/0006). An id the store already holds is
 * skipped (a repeated copy); `onInserted` gets the ids inserted.
 */
export const insertExtentRows = (writes: WriteBatch, region: string, extents: readonly NewExtent[], onInserted?: (ids: Set<string>) => void): void => {
  if (extents.length === 0) return;
  const keys = [...new Map(extents.flatMap((e) => (e.key ? [[e.key.keyId, { ...e.key, account: e.account }] as const] : []))).values()];
  if (keys.length > 0)
    writes.add(
      'new_data_keys',
      `INSERT INTO data_keys (key_id, account_name, wrapped_key, kek_version)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (key_id) DO NOTHING`,
      [keys.map((k) => k.keyId), keys.map((k) => k.account), keys.map((k) => k.wrappedKey), keys.map((k) => k.kekVersion)],
    );
  writes.add(
    'new_extents',
    `INSERT INTO extents (id, region, account_name, kind, size, encrypted, data_key_id, packages)
     SELECT e.id, $1, e.account_name, e.kind, e.size, e.data_key_id IS NOT NULL, e.data_key_id, e.packages
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::uuid[], $7::bytea[]) AS e(id, account_name, kind, size, data_key_id, packages)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      region,
      extents.map((e) => e.id),
      extents.map((e) => e.account),
      extents.map((e) => e.kind),
      extents.map((e) => e.size),
      extents.map((e) => e.key?.keyId ?? null),
      extents.map((e) => e.inline ?? null),
    ],
    onInserted && ((rows) => onInserted(new Set((rows as Array<{ id: string }>).map((r) => r.id)))),
  );
};

/** insertExtentRows on its own, in the caller's transaction: one statement; returns the ids inserted. */
export const insertExtents = async (manager: EntityManager, region: string, extents: readonly NewExtent[]): Promise<Set<string>> => {
  let inserted = new Set<string>();
  const writes = new WriteBatch();
  insertExtentRows(writes, region, extents, (ids) => (inserted = ids));
  await writes.run(manager);
  return inserted;
};

const deleteExtentsWhere = (writes: WriteBatch, after: AfterCommit, where: string, parameters: readonly unknown[], onCount?: (count: number) => void): void =>
  writes.add('gone_extents', `DELETE FROM extents WHERE ${where} RETURNING id, packages IS NULL AS in_file`, parameters, (rows) => {
    after.removeFiles((rows as Array<{ id: string; in_file: boolean }>).flatMap((r) => (r.in_file ? [r.id] : [])));
    onCount?.(rows.length);
  });

/**
 * Adds to `writes` the delete of extent rows no read can reach (staged
 * blocks: only a commit reads them, under the blob's lock); their files are
 * removed once the transaction has committed.
 */
export const deleteExtentRows = (writes: WriteBatch, after: AfterCommit, ids: readonly string[]): void => {
  if (ids.length > 0) deleteExtentsWhere(writes, after, 'id = ANY($1::uuid[])', [ids]);
};

/** deleteExtentRows of the ids `ids` selects (SQL, e.g. from the RETURNING of an earlier statement of `writes`). */
export const deleteExtentRowsIn = (writes: WriteBatch, after: AfterCommit, ids: string): void => deleteExtentsWhere(writes, after, `id IN (${ids})`, []);

/** deleteExtentRows on its own, in the caller's transaction: one statement. */
export const deleteExtents = async (manager: EntityManager, after: AfterCommit, ids: readonly string[]): Promise<void> => {
  const writes = new WriteBatch();
  deleteExtentRows(writes, after, ids);
  await writes.run(manager);
};

/**
 * Adds to `writes` the retirement of extents a change stops referencing (an
 * overwrite, a delete, a truncation, a page overwritten): a read that began
 * on the blob's earlier version still finds their rows and files, so it
 * delivers that version whole; reclaimRetiredExtents removes them once the
 * grace period has passed (docs/adr/0006, "Reads while a blob changes").
 */
export const retireExtentRows = (writes: WriteBatch, ids: readonly string[]): void => {
  if (ids.length > 0) writes.add('retired_extents', `UPDATE extents SET retired_at = now() WHERE id = ANY($1::uuid[]) AND retired_at IS NULL`, [ids]);
};

/** retireExtentRows on its own, in the caller's transaction: one statement. */
export const retireExtents = async (manager: EntityManager, ids: readonly string[]): Promise<void> => {
  const writes = new WriteBatch();
  retireExtentRows(writes, ids);
  await writes.run(manager);
};

/** Extents reclaimed per transaction: a sweep never holds many row locks at once. */
const RECLAIM_BATCH = 1_000;

/** Deletes the rows of extents retired before `cutoff`, then their files; returns how many went. */
export const reclaimRetiredExtents = async (store: RegionStore, cutoff: Date): Promise<number> => {
  let reclaimed = 0;
  for (;;) {
    let batch = 0;
    await store.transaction(async (manager, after) => {
      const writes = new WriteBatch();
      deleteExtentsWhere(writes, after, `id IN (SELECT id FROM extents WHERE retired_at < $1 LIMIT ${RECLAIM_BATCH})`, [cutoff], (count) => (batch = count));
      await writes.run(manager);
    });
    reclaimed += batch;
    if (batch < RECLAIM_BATCH) return reclaimed;
  }
};

/**
 * Removes the files of extents a failed or refused write stored, unless a
 * row references them after all (a commit whose answer was lost may have
 * committed); a file left behind is the orphan sweep's.
 */
export const discardExtentFiles = async (store: RegionStore, ids: readonly string[]): Promise<void> => {
  if (ids.length === 0) return;
  const [{ held }] = await store.query<{ held: string[] }[]>(`SELECT coalesce(array_agg(id), '{}') AS held FROM extents WHERE id = ANY($1::uuid[])`, [ids]);
  await store.files.remove(ids.filter((id) => !held.includes(id)));
};

/** What a read needs of an extent that is about to be committed (it has no row yet). */
export const storedExtentOf = (extent: NewExtent): StoredExtent => ({
  extentId: extent.id,
  size: extent.size,
  encrypted: extent.key !== undefined,
  inFile: extent.inline === undefined,
  dataKey: extent.key,
});

/** What reads need of an extent, as EXTENT_COLUMNS select it (and, as extentColumnsWithBytes do, an inline one's bytes). */
export interface ExtentRow {
  id: string;
  size: number;
  encrypted: boolean;
  in_file: boolean;
  key_id: string | null;
  wrapped_key: string | null;
  kek_version: number | null;
  /** Base64 (see readInlineBytes). */
  inline?: string | null;
}

const EXTENT_READ_COLUMNS = 'e.id, e.size, e.encrypted, e.packages IS NULL AS in_file, k.key_id, k.wrapped_key, k.kek_version';
const EXTENTS_WITH_KEYS = 'FROM extents e LEFT JOIN data_keys k ON k.key_id = e.data_key_id';

/** `SELECT ${EXTENT_COLUMNS} WHERE ...`: ExtentRows, the extents aliased `e`. */
export const EXTENT_COLUMNS = `${EXTENT_READ_COLUMNS} ${EXTENTS_WITH_KEYS}`;

/**
 * EXTENT_COLUMNS and, where the SQL `condition` holds, an inline extent's
 * stored bytes (at most one package), so that reading it needs no further
 * query; a file-backed extent's bytes stay in its file.
 */
export const extentColumnsWithBytes = (condition: string): string =>
  `${EXTENT_READ_COLUMNS}, CASE WHEN ${condition} THEN encode(e.packages, 'base64') END AS inline ${EXTENTS_WITH_KEYS}`;

/** Extents by id, from their rows. */
export const storedExtentsOf = (rows: readonly ExtentRow[]): Map<string, StoredExtent> =>
  new Map(
    rows.map((r) => [
      r.id,
      {
        extentId: r.id,
        size: r.size,
        encrypted: r.encrypted,
        inFile: r.in_file,
        dataKey: r.key_id ? { keyId: r.key_id, wrappedKey: r.wrapped_key!, kekVersion: r.kek_version! } : undefined,
        ...(r.inline != null ? { stored: Buffer.from(r.inline, 'base64') } : {}),
      },
    ]),
  );

/** What reads need of each extent (not its bytes), by id. */
export const findExtents = async (db: Db, ids: readonly string[]): Promise<Map<string, StoredExtent>> => {
  if (ids.length === 0) return new Map();
  return storedExtentsOf(await db.query<ExtentRow[]>(`SELECT ${EXTENT_COLUMNS} WHERE e.id = ANY($1::uuid[])`, [ids]));
};

/** The references change events carry: never bytes, never keys. */
export const extentRefOf = (extent: StoredExtent): ExtentRef => ({
  extentId: extent.extentId,
  size: extent.size,
  encrypted: extent.encrypted,
  keyId: extent.dataKey?.keyId ?? null,
  kekVersion: extent.dataKey?.kekVersion ?? null,
});

/** Whether the store holds the extent's row (live or retired). */
export const extentRowExists = async (store: RegionStore, extentId: string): Promise<boolean> =>
  (await store.query<unknown[]>(`SELECT 1 FROM extents WHERE id = $1`, [extentId])).length > 0;

/**
 * Stored bytes [offset, offset + length) of an extent kept inline, and how
 * many it holds in all. Fetched base64-encoded: node-postgres receives bytea
 * as hex text (its binary mode decodes every value as UTF-8, corrupting
 * bytes), and base64 is a third shorter and cheaper to encode and decode.
 */
export const readInlineBytes = async (
  store: RegionStore,
  extentId: string,
  offset: number,
  length: number,
): Promise<{ bytes: Buffer; storedLength: number } | undefined> => {
  const [row] = await store.query<{ bytes: string; stored_length: number }[]>(
    `SELECT encode(substring(packages FROM $2 FOR $3), 'base64') AS bytes, octet_length(packages) AS stored_length FROM extents WHERE id = $1 AND packages IS NOT NULL`,
    [extentId, offset + 1, length],
  );
  return row && { bytes: Buffer.from(row.bytes, 'base64'), storedLength: row.stored_length };
};

/** An extent exactly as stored, with what a copy needs to stay readable (issue 6's replicator). */
export interface RawExtent {
  readonly id: string;
  readonly account: string;
  readonly kind: ExtentKind;
  readonly size: number;
  readonly encrypted: boolean;
  readonly packages: Buffer;
  readonly key?: StoredDataKey;
}

/** An extent's row and whole stored bytes, inline or from its file (a missing or short file throws: the store is damaged). */
export const readRawExtent = async (store: RegionStore, id: string): Promise<RawExtent | undefined> => {
  const [row] = await store.query<{
    id: string;
    account_name: string;
    kind: ExtentKind;
    size: number;
    encrypted: boolean;
    packages: Buffer | null;
    key_id: string | null;
    wrapped_key: string | null;
    kek_version: number | null;
  }[]>(
    `SELECT e.id, e.account_name, e.kind, e.size, e.encrypted, e.packages, k.key_id, k.wrapped_key, k.kek_version
       FROM extents e LEFT JOIN data_keys k ON k.key_id = e.data_key_id WHERE e.id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    account: row.account_name,
    kind: row.kind,
    size: row.size,
    encrypted: row.encrypted,
    packages: row.packages ?? (await readExtentFile(store, row.id, storedSize(row.size, row.encrypted))),
    key: row.key_id ? { keyId: row.key_id, wrappedKey: row.wrapped_key!, kekVersion: row.kek_version! } : undefined,
  };
};

const readExtentFile = async (store: RegionStore, id: string, storedLength: number): Promise<Buffer> => {
  const file = await store.files.open(id);
  if (!file) throw new Error(`extent ${id} of region store ${store.region}: its file is missing`);
  try {
    if (file.size !== storedLength) throw new Error(`extent ${id} of region store ${store.region}: file of ${file.size} bytes, expected ${storedLength}`);
    return await file.read(0, storedLength);
  } finally {
    await file.close();
  }
};
