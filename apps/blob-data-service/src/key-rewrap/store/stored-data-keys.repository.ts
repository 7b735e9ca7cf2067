import type { RegionStore } from '../../region-stores/region-store';

/** Which of an account's stored wrapped data keys a job owes: its current ring's versions below the target. */
export interface OwedVersions {
  readonly account: string;
  /** The ring's first version: keys below it are a deleted namesake's, unrecoverable and left alone. */
  readonly from: number;
  /** The target version (exclusive). */
  readonly below: number;
}

export interface StoredWrappedKey {
  readonly keyId: string;
  readonly wrappedKey: string;
  readonly kekVersion: number;
}

/** A stored key's new wrapped form, swapped in only if the row still holds the version it was read at. */
export interface WrappedKeySwap {
  readonly keyId: string;
  readonly fromVersion: number;
  readonly wrappedKey: string;
  readonly kekVersion: number;
}

const OWED = `account_name = $1 AND kek_version >= $2 AND kek_version < $3`;

/** How many wrapped keys of the store the job still owes (index data_keys_by_version). */
export const countOwedKeys = async (store: RegionStore, owed: OwedVersions): Promise<number> => {
  const [{ n }] = await store.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM data_keys WHERE ${OWED}`, [owed.account, owed.from, owed.below]);
  return n;
};

/** The next `limit` owed keys after `afterKeyId`, in key id order (a pass walks each store once). */
export const owedKeysAfter = (store: RegionStore, owed: OwedVersions, afterKeyId: string | undefined, limit: number): Promise<StoredWrappedKey[]> =>
  store.query<StoredWrappedKey[]>(
    `SELECT key_id AS "keyId", wrapped_key AS "wrappedKey", kek_version AS "kekVersion" FROM data_keys
      WHERE ${OWED} AND ($4::uuid IS NULL OR key_id > $4::uuid) ORDER BY key_id LIMIT $5`,
    [owed.account, owed.from, owed.below, afterKeyId ?? null, limit],
  );

/**
 * Swaps new wrapped forms in, compare-and-set on the version each was read
 * at, in one statement (atomic, and one round per zone for a ZRS store);
 * extents, which reference keys by id, are not touched. Returns how many
 * rows changed.
 */
export const swapWrappedKeys = async (store: RegionStore, account: string, swaps: readonly WrappedKeySwap[]): Promise<number> => {
  if (swaps.length === 0) return 0;
  const [rows] = await store.query<[unknown[], number]>(
    `UPDATE data_keys d SET wrapped_key = s.wrapped_key, kek_version = s.kek_version
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[]) AS s(key_id, from_version, wrapped_key, kek_version)
      WHERE d.account_name = $1 AND d.key_id = s.key_id AND d.kek_version = s.from_version
      RETURNING d.key_id`,
    [account, swaps.map((s) => s.keyId), swaps.map((s) => s.fromVersion), swaps.map((s) => s.wrappedKey), swaps.map((s) => s.kekVersion)],
  );
  return rows.length;
};
