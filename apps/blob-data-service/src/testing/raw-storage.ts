import { createHash } from 'node:crypto';
import { open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ExtentDirectory } from '../extents/extent-directory';

// For specs (not part of the app): a region store's raw storage, its
// database rows AND its extent files (docs/adr/0006, "Extent files"), for
// the no-plaintext scans, tampering and byte-for-byte comparisons. The
// one place specs reach under the store's code.

/** A region store as stored: its database and its extent-file folder (`<EXTENT_DATA_DIR>/<database name>`). */
export interface RawStore {
  readonly db: DataSource;
  readonly files: ExtentDirectory;
}

export const rawStoreOf = async (db: DataSource, extentDataDir: string): Promise<RawStore> => {
  const [{ name }] = await db.query<{ name: string }[]>(`SELECT current_database() AS name`);
  return { db, files: new ExtentDirectory(join(extentDataDir, name)) };
};

/** What `scanForMarker` reports for a hit in an extent file. */
export const EXTENT_FILES = 'extent files';

/**
 * Where `marker` is stored, as bytes, text or JSON: every column of every
 * row of every table (`table.column`), and, for a store, every extent file
 * (`extent files`). A plain DataSource (e.g. the main database) is scanned as rows only.
 */
export const scanForMarker = async (target: RawStore | DataSource, marker: string): Promise<string[]> => {
  const db = 'files' in target ? target.db : target;
  const needle = Buffer.from(marker);
  const hits = new Set<string>();
  const tables: Array<{ name: string }> = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  for (const { name } of tables)
    for (const row of await db.query(`SELECT * FROM "${name}"`))
      for (const [column, value] of Object.entries(row as Record<string, unknown>)) {
        const bytes = Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
        if (bytes.includes(needle)) hits.add(`${name}.${column}`);
      }
  if ('files' in target) for (const path of await filesUnder(target.files.root)) if ((await readFile(path)).includes(needle)) hits.add(EXTENT_FILES);
  return [...hits].sort();
};

const filesUnder = async (root: string): Promise<string[]> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
};

/**
 * How many extent rows and extent files the store holds for blobs (a refused
 * or deleted write leaves neither); retired extents, kept for reads under
 * way until the reclaim sweep, are not counted.
 */
export const storedCounts = async (store: RawStore): Promise<{ rows: number; files: number }> => {
  const [{ rows, retired }] = await store.db.query<{ rows: number; retired: string[] }[]>(
    `SELECT count(*) FILTER (WHERE retired_at IS NULL)::int AS rows, coalesce(array_agg(id::text) FILTER (WHERE retired_at IS NOT NULL), '{}') AS retired FROM extents`,
  );
  const files = await filesUnder(store.files.root);
  return { rows, files: files.filter((path) => !retired.some((id) => path.endsWith(id))).length };
};

/** How many extents of the store are retired (rows; their files go with them). */
export const retiredCount = async (store: RawStore): Promise<number> => {
  const [{ retired }] = await store.db.query<{ retired: number }[]>(`SELECT count(*)::int AS retired FROM extents WHERE retired_at IS NOT NULL`);
  return retired;
};

/** An extent's stored bytes (ciphertext when encrypted), from its row or its file; undefined without a row. */
export const storedBytes = async (store: RawStore, extentId: string): Promise<Buffer | undefined> => {
  const [row] = await store.db.query<{ packages: Buffer | null }[]>(`SELECT packages FROM extents WHERE id = $1`, [extentId]);
  if (!row) return undefined;
  return row.packages ?? readFile(store.files.pathOf(extentId));
};

/**
 * An account's extents as stored (retired ones aside): the row's columns (but the store's own
 * region) and the length and SHA-256 of the stored bytes, to compare stores byte for byte.
 */
export const storedExtents = async (store: RawStore, account: string) => {
  const rows = await store.db.query<Array<{ id: string; account_name: string; kind: string; size: number; encrypted: boolean; data_key_id: string | null }>>(
    `SELECT id, account_name, kind, size, encrypted, data_key_id FROM extents WHERE account_name = $1 AND retired_at IS NULL ORDER BY id`,
    [account],
  );
  return Promise.all(
    rows.map(async (row) => {
      const bytes = await storedBytes(store, row.id);
      return { ...row, stored: bytes?.length, sha256: bytes && createHash('sha256').update(bytes).digest('hex') };
    }),
  );
};

/** Flips one stored byte of an extent (at `at`, 0-based), in its row or its file: twice restores it. */
export const flipStoredByte = async (store: RawStore, extentId: string, at: number): Promise<void> => {
  const [{ in_file }] = await store.db.query<{ in_file: boolean }[]>(`SELECT packages IS NULL AS in_file FROM extents WHERE id = $1`, [extentId]);
  if (!in_file) {
    await store.db.query(
      `UPDATE extents SET packages = overlay(packages PLACING set_byte(substring(packages FROM $2 FOR 1), 0, get_byte(substring(packages FROM $2 FOR 1), 0) # 1) FROM $2 FOR 1) WHERE id = $1`,
      [extentId, at + 1],
    );
    return;
  }
  const file = await open(store.files.pathOf(extentId), 'r+');
  try {
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, at);
    byte[0] ^= 1;
    await file.write(byte, 0, 1, at);
  } finally {
    await file.close();
  }
};

/** Swaps the stored bytes of two extents (both inline or both in files): twice restores them. */
export const swapStoredBytes = async (store: RawStore, a: string, b: string): Promise<void> => {
  const rows = await store.db.query<{ id: string; in_file: boolean }[]>(`SELECT id, packages IS NULL AS in_file FROM extents WHERE id IN ($1::uuid, $2::uuid)`, [a, b]);
  if (rows.length !== 2 || rows[0].in_file !== rows[1].in_file) throw new Error(`extents ${a} and ${b} are not both stored inline or both in files`);
  if (!rows[0].in_file) {
    await store.db.query(
      `UPDATE extents SET packages = CASE id WHEN $1::uuid THEN (SELECT packages FROM extents WHERE id = $2::uuid) ELSE (SELECT packages FROM extents WHERE id = $1::uuid) END WHERE id IN ($1::uuid, $2::uuid)`,
      [a, b],
    );
    return;
  }
  const aside = `${store.files.pathOf(a)}.swap`;
  await rename(store.files.pathOf(a), aside);
  await rename(store.files.pathOf(b), store.files.pathOf(a));
  await rename(aside, store.files.pathOf(b));
};

/** Truncates an extent's file to `length` bytes (a damaged store). */
export const truncateExtentFile = async (store: RawStore, extentId: string, length: number): Promise<void> => {
  const bytes = await readFile(store.files.pathOf(extentId));
  await writeFile(store.files.pathOf(extentId), bytes.subarray(0, length));
};
