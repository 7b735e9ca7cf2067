import type { EntityManager } from 'typeorm';
import type { RegionStore } from '../../region-stores/region-store';
import { writeExtentFile } from '../../extents/extent-files';
import { discardExtentFiles, insertExtents, type RawExtent } from '../../extents/extent.repository';
import { INLINE_MAX_BYTES } from '../../extents/extent-writer';

/**
 * Stores an extent copied from another region byte for byte (same id, same
 * packages, the wrapped data key that sealed it), unless the store has it
 * already; true if it was new here. Stored like a written extent: in its
 * file (durable before the row commits) unless small enough to stay inline.
 * No key is unwrapped: the bytes stay what the primary sealed.
 */
export const insertCopiedExtent = async (store: RegionStore, extent: RawExtent): Promise<boolean> => {
  if ((await missingExtents(store, [extent.id])).length === 0) return false;
  const inline = extent.size <= INLINE_MAX_BYTES ? extent.packages : undefined;
  if (!inline) await writeExtentFile(store.files, extent.id, extent.packages);
  try {
    const inserted = await store.transaction((manager) =>
      insertExtents(manager, store.region, [{ id: extent.id, account: extent.account, kind: extent.kind, size: extent.size, inline, key: extent.key }]),
    );
    return inserted.has(extent.id);
  } catch (error) {
    if (!inline) await discardExtentFiles(store, [extent.id]);
    throw error;
  }
};

/** Which of `ids` the store does not hold. */
export const missingExtents = async (store: RegionStore | EntityManager, ids: readonly string[]): Promise<string[]> => {
  if (ids.length === 0) return [];
  const [{ present }] = await store.query<{ present: string[] }[]>(`SELECT coalesce(array_agg(id), '{}') AS present FROM extents WHERE id = ANY($1::uuid[])`, [ids]);
  const held = new Set(present);
  return ids.filter((id) => !held.has(id));
};
