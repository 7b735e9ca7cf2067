import type { EntityManager } from 'typeorm';
import { blobError } from '../domain/blob.errors';
import { requireBlobOfType } from '../domain/blob-type';
import { evaluateConditions, type Conditions } from '../domain/conditions';
import type { BlobRecord } from './blob-record';
import { findBlob } from './blob.repository';
import type { BlobKey } from './blob-keys';
import { lockBlob } from './block.repository';

/**
 * How every change to a blob starts, inside its transaction: the container
 * is locked against deletion, the blob against concurrent changes, and the
 * conditions are checked on the row as it is now. Returns the row (undefined
 * when the blob does not exist yet).
 */
export const openForChange = async (manager: EntityManager, key: BlobKey, conditions: Conditions): Promise<BlobRecord | undefined> => {
  if (!(await lockBlob(manager, key))) throw blobError('ContainerNotFound');
  const existing = await findBlob(manager, key);
  evaluateConditions(conditions, existing, 'write');
  return existing;
};

/** openForChange for a change that needs the blob (BlobNotFound), of the given type if one is given (InvalidBlobType). */
export const openExistingForChange = async (manager: EntityManager, key: BlobKey, conditions: Conditions, blobType?: BlobRecord['blobType']): Promise<BlobRecord> => {
  const existing = await openForChange(manager, key, conditions);
  if (!existing) throw blobError('BlobNotFound');
  return blobType ? requireBlobOfType(existing, blobType) : existing;
};
