import type { BlobType } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { checkLocationAccess } from '../../secondary-reads/domain/location-access';
import { blobError } from './blob.errors';

export type Location = 'primary' | 'secondary';

/**
 * Whether a request may use the account at all: it exists, its customer key
 * is not revoked, and the location is one the account's redundancy allows
 * (secondary-reads/domain/location-access.ts).
 */
export const checkAccountAccess = (
  name: string,
  account: DataPlaneAccount | undefined,
  location: Location,
  writes: boolean,
): DataPlaneAccount => {
  if (!account) throw blobError('AccountNotFound', `The storage account '${name}' does not exist.`);
  checkLocationAccess(account, location, writes);
  if (account.keyRevoked) throw blobError('KeyVaultEncryptionKeyNotFound');
  return account;
};

/** Premium accounts hold page blobs only: Azure refuses the others with 400 BlobTypeNotSupported. */
export const checkBlobTypeAllowed = (account: DataPlaneAccount, blobType: BlobType): void => {
  if (account.sku.startsWith('Premium_') && blobType !== 'PageBlob')
    throw blobError('BlobTypeNotSupported', `${blobType === 'BlockBlob' ? 'Block' : 'Append'} blobs are not supported.`);
};
