import { blobError } from '../blobs/domain/blob.errors';
import type { ResourceLevel } from './blob-operation';

/**
 * atrest keeps no blob snapshots or versions, so a request naming one
 * (?snapshot=, ?versionid=) names nothing: 404 BlobNotFound, whatever the
 * operation. Served as a request on the blob itself it would read, change
 * or delete the current blob instead; a Get Page Ranges diff against a
 * previous snapshot (?prevsnapshot=, x-ms-previous-snapshot-url) has nothing
 * to compare with: 409 PreviousSnapshotNotFound; and Delete Blob's
 * deletetype=permanent, of soft-deleted snapshots and versions, must never
 * delete the blob itself: 400 InvalidQueryParameterValue.
 */
export const refuseSnapshotsAndVersions = (level: ResourceLevel, query: (name: string) => string | undefined, header: (name: string) => string | undefined): void => {
  if (level !== 'blob') return;
  const named = ['snapshot', 'versionid'].find((name) => query(name) !== undefined);
  if (named) throw blobError('BlobNotFound', `atrest keeps no blob snapshots or versions: the one ${named}=${query(named)} names does not exist.`);
  if (query('prevsnapshot') !== undefined || header('x-ms-previous-snapshot-url') !== undefined)
    throw blobError('PreviousSnapshotNotFound', 'atrest keeps no blob snapshots, so there is none to list changed pages against.');
  if (query('deletetype') !== undefined)
    throw blobError('InvalidQueryParameterValue', 'deletetype deletes soft-deleted snapshots or versions permanently; atrest keeps none (no soft delete).');
};
