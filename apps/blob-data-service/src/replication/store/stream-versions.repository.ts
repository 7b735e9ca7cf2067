import { blobStreamId, containerStreamId } from '../../blobs/store/blob-keys';
import type { RegionStore } from '../../region-stores/region-store';

export interface AccountStreamVersions {
  /** When the statement started: every transaction committed before it is in `versions`. */
  readonly at: Date;
  readonly versions: Map<string, number>;
}

/** The part of a stream id up to the account ("Blob-acct/", "Container-acct/"); account names hold no LIKE wildcards. */
const accountPart = (streamId: string): string => streamId.slice(0, streamId.indexOf('/') + 1);

/** The version of every blob and container stream of an account in a store, and the moment they were read (one statement). */
export const accountStreamVersions = async (store: RegionStore, account: string): Promise<AccountStreamVersions> => {
  const any = { account, incarnation: 0, container: '', blob: '' };
  const [row] = await store.query<{ at: Date; versions: Record<string, number> }[]>(
    `SELECT statement_timestamp() AS at,
       (SELECT coalesce(json_object_agg(stream_id, version), '{}') FROM blob_streams WHERE stream_id LIKE $1 OR stream_id LIKE $2) AS versions`,
    [`${accountPart(blobStreamId(any))}%`, `${accountPart(containerStreamId(any))}%`],
  );
  return { at: row.at, versions: new Map(Object.entries(row.versions)) };
};
