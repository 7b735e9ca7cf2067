import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { blobError } from './blob.errors';

export type Location = 'primary' | 'secondary';

/**
 * Whether a request may use the account at all: it exists, its customer key
 * is not revoked, and a secondary request is one the account's redundancy
 * allows (reads of RA-GRS accounts only; served once issue 6 replicates).
 */
export const checkAccountAccess = (
  name: string,
  account: DataPlaneAccount | undefined,
  location: Location,
  writes: boolean,
): DataPlaneAccount => {
  if (!account) throw blobError('AccountNotFound', `The storage account '${name}' does not exist.`);
  if (location === 'secondary') {
    if (writes) throw blobError('WriteOperationNotSupportedOnSecondary');
    if (account.sku !== 'Standard_RAGRS')
      throw blobError('ResourceNotFound', `The storage account '${name}' has no readable secondary location (read access needs Standard_RAGRS).`);
    throw blobError('ServerBusy', `The secondary location of '${name}' is not replicated yet. Please retry.`);
  }
  if (account.keyRevoked) throw blobError('KeyVaultEncryptionKeyNotFound');
  return account;
};

/** Premium accounts hold page blobs only (as in Azure). */
export const checkBlockBlobsAllowed = (account: DataPlaneAccount): void => {
  if (account.sku.startsWith('Premium_'))
    throw blobError('InvalidBlobType', 'Premium storage accounts hold page blobs only; block and append blobs are not supported.');
};
