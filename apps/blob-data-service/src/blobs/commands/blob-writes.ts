import { blobKeyOf, containerKeyOf, type BlobRequest } from '../../blob-rest/blob-request';
import type { DataKeys } from '../../keys/data-keys';
import { deleteExtents } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import type { ExtentTarget } from '../../extents/extent-writer';
import { blobError } from '../domain/blob.errors';
import { requireBlobOfType } from '../domain/blob-type';
import { evaluateConditions, type Conditions } from '../domain/conditions';
import type { BlobRecord } from '../store/blob-record';
import { findBlob } from '../store/blob.repository';
import { findContainer } from '../store/container.repository';

/**
 * The cheap checks of a write, before its body is read: the container
 * exists and the conditions hold on the blob as it is now (returned, for
 * the write's own checks). The commit checks again under lock; this only
 * spares storing data that will be refused.
 */
export const preflightWrite = async (request: BlobRequest, conditions?: Conditions): Promise<BlobRecord | undefined> => {
  if (!(await findContainer(request.store, containerKeyOf(request)))) throw blobError('ContainerNotFound');
  const blob = await findBlob(request.store, blobKeyOf(request));
  if (conditions) evaluateConditions(conditions, blob, 'write');
  return blob;
};

/** preflightWrite for a write to an existing blob of one type (BlobNotFound, InvalidBlobType otherwise). */
export const preflightWriteTo = async (request: BlobRequest, conditions: Conditions, blobType: BlobRecord['blobType']): Promise<BlobRecord> =>
  requireBlobOfType(await preflightWrite(request, conditions), blobType);

/** Where this request's data goes, encrypted iff the account's SSE was on when the request arrived. */
export const extentTargetOf = (request: BlobRequest, keys: DataKeys): Omit<ExtentTarget, 'kind'> => ({
  store: request.store,
  keys,
  account: request.account.name,
  container: request.containerName!,
  blob: request.blobName!,
  encrypt: request.account.encryptionEnabled,
  requestId: request.requestId,
});

/**
 * Commits what a request stored; if the commit is refused or fails, the
 * extents it stored (`extentIds`, read at that moment) are deleted, so a
 * refused write leaves nothing behind.
 */
export const commitOrDiscard = async <T>(store: RegionStore, extentIds: readonly string[], commit: () => Promise<T>): Promise<T> => {
  try {
    return await commit();
  } catch (error) {
    await deleteExtents(store, extentIds);
    throw error;
  }
};
