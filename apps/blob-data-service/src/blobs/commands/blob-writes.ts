import { blobKeyOf, type BlobRequest } from '../../blob-rest/blob-request';
import type { DataKeys } from '../../keys/data-keys';
import { discardExtentFiles, type NewExtent } from '../../extents/extent.repository';
import { INLINE_MAX_BYTES, type ExtentTarget } from '../../extents/extent-writer';
import type { RegionStore } from '../../region-stores/region-store';
import { blobError } from '../domain/blob.errors';
import { requireBlobOfType } from '../domain/blob-type';
import { checkBlobAccess } from '../domain/blob-access';
import type { Conditions } from '../domain/conditions';
import type { BlobRecord } from '../store/blob-record';
import { containerExists, readForChange } from '../store/change-read';

/** A write's conditions, with what its authorization adds: a SAS's `c` alone may create the blob, not replace it. */
const writeConditionsOf = (request: BlobRequest, conditions: Conditions): Conditions => (request.createOnly ? { ...conditions, createOnly: true } : conditions);

/**
 * The cheap checks of a write, before its body is read (one statement): the
 * container exists and the conditions hold on the blob as it is now
 * (returned, for the write's own checks). The commit checks again under
 * lock; this only spares storing data that will be refused.
 */
export const preflightWrite = async (request: BlobRequest, conditions?: Conditions): Promise<BlobRecord | undefined> => {
  const { blob, container } = await readForChange(request.store, blobKeyOf(request), { container: containerExists });
  if (!container) throw blobError('ContainerNotFound');
  if (conditions) checkBlobAccess(writeConditionsOf(request, conditions), blob, 'write');
  return blob;
};


/** preflightWrite for a write to an existing blob of one type (BlobNotFound, InvalidBlobType otherwise). */
export const preflightWriteTo = async (request: BlobRequest, conditions: Conditions, blobType: BlobRecord['blobType']): Promise<BlobRecord> =>
  requireBlobOfType(await preflightWrite(request, conditions), blobType);

/**
 * Whether a body of `length` bytes is written to extent files before its
 * commit (else it stays in memory and its row goes in with the commit): only
 * then is a preflight worth its round trips, since a refused small write
 * stores nothing anyway.
 */
export const storesFilesBeforeCommit = (length: number): boolean => length > INLINE_MAX_BYTES;

/**
 * What every change of the requested blob takes to its commit: which blob,
 * where, when, under which conditions, and whether new data is encrypted
 * (the account's SSE state when the request arrived).
 */
export const blobChangeOf = (request: BlobRequest, conditions: Conditions) => ({
  key: blobKeyOf(request),
  region: request.store.region,
  now: request.now,
  eventMetadata: request.eventMetadata,
  conditions: writeConditionsOf(request, conditions),
  encrypt: request.account.encryptionEnabled,
});

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
 * extent files it wrote (of `stored`, read at that moment) are removed, so
 * a refused write leaves nothing behind (its rows were in the commit).
 */
export const commitOrDiscard = async <T>(store: RegionStore, stored: readonly NewExtent[], commit: () => Promise<T>): Promise<T> => {
  try {
    return await commit();
  } catch (error) {
    await discardExtentFiles(store, stored.flatMap((e) => (e.inline ? [] : [e.id])));
    throw error;
  }
};
