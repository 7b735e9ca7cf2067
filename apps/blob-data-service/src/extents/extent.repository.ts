import type { EntityManager } from 'typeorm';
import type { ExtentRef } from '@atrest/contracts';
import type { RegionStore } from '../region-stores/region-store';
import type { ExtentKind } from './package-format';
import type { StoredExtent } from './stored-extent';

/** A sealed (or plain) extent about to be stored. */
export interface NewExtent {
  readonly id: string;
  readonly account: string;
  readonly kind: ExtentKind;
  readonly size: number;
  readonly packages: Buffer;
  /** Present when encrypted: the key that sealed it, stored first if this region does not hold it yet. */
  readonly key?: { readonly keyId: string; readonly wrappedKey: string; readonly kekVersion: number; readonly isNewHere: boolean };
}

interface ExtentRow {
  id: string;
  size: number;
  encrypted: boolean;
  key_id: string | null;
  wrapped_key: string | null;
  kek_version: number | null;
}

/**
 * Stores one extent in its own short transaction without waiting for the
 * WAL flush: the blob commit that references it is synchronous, and
 * Postgres flushes the WAL in order, so once that commit is durable the
 * extent is too (docs/adr/0006).
 */
export const insertExtent = (store: RegionStore, extent: NewExtent): Promise<void> =>
  store.dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL synchronous_commit TO OFF`);
    if (extent.key?.isNewHere)
      await manager.query(
        `INSERT INTO data_keys (key_id, account_name, wrapped_key, kek_version) VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING`,
        [extent.key.keyId, extent.account, extent.key.wrappedKey, extent.key.kekVersion],
      );
    await manager.query(
      `INSERT INTO extents (id, region, account_name, kind, size, encrypted, data_key_id, packages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [extent.id, store.region, extent.account, extent.kind, extent.size, extent.key !== undefined, extent.key?.keyId ?? null, extent.packages],
    );
  });

export const deleteExtents = async (manager: EntityManager | RegionStore, ids: readonly string[]): Promise<void> => {
  if (ids.length > 0) await manager.query(`DELETE FROM extents WHERE id = ANY($1::uuid[])`, [ids]);
};

const EXTENT_COLUMNS = `e.id, e.size, e.encrypted, k.key_id, k.wrapped_key, k.kek_version
  FROM extents e LEFT JOIN data_keys k ON k.key_id = e.data_key_id`;

/** What reads need of each extent (not its bytes), by id. */
export const findExtents = async (manager: EntityManager | RegionStore, ids: readonly string[]): Promise<Map<string, StoredExtent>> => {
  if (ids.length === 0) return new Map();
  const rows: ExtentRow[] = await manager.query(`SELECT ${EXTENT_COLUMNS} WHERE e.id = ANY($1::uuid[])`, [ids]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        extentId: r.id,
        size: r.size,
        encrypted: r.encrypted,
        dataKey: r.key_id ? { keyId: r.key_id, wrappedKey: r.wrapped_key!, kekVersion: r.kek_version! } : undefined,
      },
    ]),
  );
};

/** The references change events carry: never bytes, never keys. */
export const extentRefOf = (extent: StoredExtent): ExtentRef => ({
  extentId: extent.extentId,
  size: extent.size,
  encrypted: extent.encrypted,
  keyId: extent.dataKey?.keyId ?? null,
  kekVersion: extent.dataKey?.kekVersion ?? null,
});

/**
 * Stored bytes [offset, offset + length) of an extent, and how many it holds
 * in all. Fetched base64-encoded: node-postgres receives bytea as hex text
 * (its binary mode decodes every value as UTF-8, corrupting bytes), and
 * base64 is a third shorter and cheaper to encode and decode on both sides
 * (about 1.5x the read throughput on the dev VM; README, Performance).
 */
export const readStoredBytes = async (
  store: RegionStore,
  extentId: string,
  offset: number,
  length: number,
): Promise<{ bytes: Buffer; storedLength: number } | undefined> => {
  const [row] = await store.query<{ bytes: string; stored_length: number }[]>(
    `SELECT encode(substring(packages FROM $2 FOR $3), 'base64') AS bytes, octet_length(packages) AS stored_length FROM extents WHERE id = $1`,
    [extentId, offset + 1, length],
  );
  return row && { bytes: Buffer.from(row.bytes, 'base64'), storedLength: row.stored_length };
};

/** An extent exactly as stored, with what a copy needs to stay readable (issue 6's replicator). */
export interface RawExtent {
  readonly id: string;
  readonly account: string;
  readonly kind: string;
  readonly size: number;
  readonly encrypted: boolean;
  readonly packages: Buffer;
  readonly key?: { readonly keyId: string; readonly wrappedKey: string; readonly kekVersion: number };
}

export const readRawExtent = async (store: RegionStore, id: string): Promise<RawExtent | undefined> => {
  const [row] = await store.query<{
    id: string;
    account_name: string;
    kind: string;
    size: number;
    encrypted: boolean;
    packages: Buffer;
    key_id: string | null;
    wrapped_key: string | null;
    kek_version: number | null;
  }[]>(
    `SELECT e.id, e.account_name, e.kind, e.size, e.encrypted, e.packages, k.key_id, k.wrapped_key, k.kek_version
       FROM extents e LEFT JOIN data_keys k ON k.key_id = e.data_key_id WHERE e.id = $1`,
    [id],
  );
  return (
    row && {
      id: row.id,
      account: row.account_name,
      kind: row.kind,
      size: row.size,
      encrypted: row.encrypted,
      packages: row.packages,
      key: row.key_id ? { keyId: row.key_id, wrappedKey: row.wrapped_key!, kekVersion: row.kek_version! } : undefined,
    }
  );
};
