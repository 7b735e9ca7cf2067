import type { ContainerKey } from '../blobs/store/blob-keys';
import { deleteContainerRows, findContainer } from '../blobs/store/container.repository';
import { deleteExtents } from '../extents/extent.repository';
import type { RegionStore } from '../region-stores/region-store';

/** An account incarnation that has containers in a store. */
export interface StoredIncarnation {
  readonly account: string;
  readonly incarnation: number;
}

/** Every (account, incarnation) with containers in the store: a row per account and incarnation, so a short list. */
export const incarnationsIn = async (store: RegionStore): Promise<StoredIncarnation[]> =>
  (
    await store.query<Array<{ account_name: string; account_incarnation: number }>>(
      `SELECT DISTINCT account_name, account_incarnation FROM containers ORDER BY account_name, account_incarnation`,
    )
  ).map((row) => ({ account: row.account_name, incarnation: Number(row.account_incarnation) }));

/** The names of an incarnation's containers in the store. */
export const containersOf = async (store: RegionStore, { account, incarnation }: StoredIncarnation): Promise<string[]> =>
  (
    await store.query<Array<{ container_name: string }>>(
      `SELECT container_name FROM containers WHERE account_name = $1 AND account_incarnation = $2 ORDER BY container_name`,
      [account, incarnation],
    )
  ).map((row) => row.container_name);

/**
 * Deletes a container with everything in it (blobs, layouts, staged blocks,
 * extents; files after the commit), as Delete Container does but announcing
 * nothing: it belongs to an account that is gone. False if it was gone already.
 */
export const purgeContainer = (store: RegionStore, key: ContainerKey): Promise<boolean> =>
  store.transaction(async (manager, after) => {
    if (!(await findContainer(manager, key, 'update'))) return false;
    // Nothing reads an account that is gone: its extents go at once, not after a grace period.
    await deleteExtents(manager, after, await deleteContainerRows(manager, key));
    return true;
  });
