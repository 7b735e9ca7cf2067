import type { EntityManager } from 'typeorm';
import { blobError } from '../domain/blob.errors';
import { requireBlobOfType } from '../domain/blob-type';
import { checkBlobAccess } from '../domain/blob-access';
import type { Conditions } from '../domain/conditions';
import type { BlobRecord } from './blob-record';
import type { BlobKey } from './blob-keys';
import { lockBlob } from './block.repository';
import { readForChange, type ChangeRead, type ChangeReadParts } from './change-read';

/**
 * How every change to a blob starts, inside its transaction: the container
 * is locked against deletion, the blob against concurrent changes; then its
 * row and what else the change needs (`parts`) are read in one statement,
 * and the conditions checked on the row as it is now, its lease included
 * (`blob` is undefined when the blob does not exist yet).
 */
export const openForChange = async <P extends ChangeReadParts = Record<string, never>>(
  manager: EntityManager,
  key: BlobKey,
  conditions: Conditions,
  parts: P = {} as P,
): Promise<ChangeRead<P>> => {
  if (!(await lockBlob(manager, key))) throw blobError('ContainerNotFound');
  const read = await readForChange(manager, key, parts);
  checkBlobAccess(conditions, read.blob, 'write');
  return read;
};

/** openForChange for a change that needs the blob (BlobNotFound), of the given type if one is given (InvalidBlobType). */
export const openExistingForChange = async <P extends ChangeReadParts = Record<string, never>>(
  manager: EntityManager,
  key: BlobKey,
  conditions: Conditions,
  blobType: BlobRecord['blobType'] | undefined,
  parts: P = {} as P,
): Promise<ChangeRead<P> & { readonly blob: BlobRecord }> => {
  const read = await openForChange(manager, key, conditions, parts);
  if (!read.blob) throw blobError('BlobNotFound');
  return { ...read, blob: blobType ? requireBlobOfType(read.blob, blobType) : read.blob };
};
