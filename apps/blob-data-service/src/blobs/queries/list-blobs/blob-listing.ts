import { afterPrefix } from '../../domain/name-order';

export type ListEntry<T> = { readonly kind: 'item'; readonly name: string; readonly item: T } | { readonly kind: 'prefix'; readonly name: string };

/** Reads names in order from `startAt` (inclusive), at most `limit` of them. */
export type FetchNames<T> = (startAt: string, limit: number) => Promise<ReadonlyArray<{ readonly name: string; readonly item: T }>>;

/**
 * One page of a listing: names in order, those with `delimiter` after the
 * prefix rolled up into one BlobPrefix each (the store then skips past the
 * whole prefix). `nextMarker` is where the next page starts, if there is one.
 */
export const listPage = async <T>(
  fetch: FetchNames<T>,
  prefix: string,
  delimiter: string | undefined,
  startAt: string,
  max: number,
): Promise<{ entries: ListEntry<T>[]; nextStartAt?: string }> => {
  const entries: ListEntry<T>[] = [];
  let cursor = startAt;
  for (;;) {
    const limit = max - entries.length + 1;
    const rows = await fetch(cursor, limit);
    let skipped = false;
    for (const row of rows) {
      if (entries.length === max) return { entries, nextStartAt: row.name };
      const at = delimiter ? row.name.indexOf(delimiter, prefix.length) : -1;
      if (at >= 0) {
        const rolledUp = row.name.slice(0, at + delimiter!.length);
        entries.push({ kind: 'prefix', name: rolledUp });
        cursor = afterPrefix(rolledUp);
        skipped = true;
        break;
      }
      entries.push({ kind: 'item', name: row.name, item: row.item });
    }
    if (!skipped) return { entries };
  }
};
