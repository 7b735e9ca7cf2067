import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import type { RawExtent } from '../../extents/extent.repository';

/**
 * Stores an extent copied from another region byte for byte (same id, same
 * packages, the wrapped data key that sealed it), unless the store has it
 * already; true if it was new here. No key is unwrapped: the bytes stay
 * what the primary sealed.
 */
export const insertCopiedExtent = (store: RegionStore, extent: RawExtent): Promise<boolean> =>
  store.transaction(async (manager) => {
    if (extent.key)
      await manager.query(
        `INSERT INTO data_keys (key_id, account_name, wrapped_key, kek_version) VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING`,
        [extent.key.keyId, extent.account, extent.key.wrappedKey, extent.key.kekVersion],
      );
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO extents (id, region, account_name, kind, size, encrypted, data_key_id, packages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [extent.id, store.region, extent.account, extent.kind, extent.size, extent.encrypted, extent.key?.keyId ?? null, extent.packages],
    );
    return inserted.length > 0;
  });

/** Which of `ids` the store does not hold. */
export const missingExtents = async (store: RegionStore | EntityManager, ids: readonly string[]): Promise<string[]> => {
  if (ids.length === 0) return [];
  const [{ present }] = await store.query<{ present: string[] }[]>(`SELECT coalesce(array_agg(id), '{}') AS present FROM extents WHERE id = ANY($1::uuid[])`, [ids]);
  const held = new Set(present);
  return ids.filter((id) => !held.has(id));
};
