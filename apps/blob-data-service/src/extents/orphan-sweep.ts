import type { StoreDatabase } from '../region-stores/region-store';
import type { ExtentDirectory } from './extent-directory';

/**
 * How old a file without a row must be before the sweep removes it: longer
 * than any write takes between its first extent file and its commit (a
 * 100 MiB upload from a slow client, a Copy Blob of 5,000 extents).
 */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Removes the extent files of a store that no row references and that are
 * older than `cutoff`: what a crash left between writing a file and
 * committing its row, or between deleting a row and removing its file.
 * Returns how many files went.
 */
export const sweepOrphanFiles = async (db: StoreDatabase, directory: ExtentDirectory, cutoff: number): Promise<number> => {
  let removed = 0;
  for await (const files of directory.filesOlderThan(cutoff)) {
    const [{ held }] = await db.query<{ held: string[] }[]>(
      `SELECT coalesce(array_agg(id), '{}') AS held FROM extents WHERE id = ANY($1::uuid[]) AND packages IS NULL`,
      [[...new Set(files.map((f) => f.id))]],
    );
    const referenced = new Set(held);
    // A leftover of an interrupted write (".part") is never referenced, whatever its id.
    const orphans = files.filter((f) => f.name.endsWith('.part') || !referenced.has(f.id)).map((f) => f.name);
    await directory.removeNamed(orphans);
    removed += orphans.length;
  }
  return removed;
};
