import type { AccountFeatureRequest } from './storage-account.commands';
import { accountFeatureNotSupported } from './storage-account.errors';

/**
 * Switches an atrest account has one fixed answer to: asking for the other
 * is refused (400 FeatureNotSupportedForAccount), never taken as granted,
 * since each changes who may reach the data or how it is laid out. Data
 * requests are authorized with the account's keys only (Shared Key, SAS),
 * no container allows anonymous reads, and there is no hierarchical
 * namespace.
 */
export const assertAccountFeaturesSupported = (features: AccountFeatureRequest | undefined): void => {
  if (features?.allowSharedKeyAccess === false)
    throw accountFeatureNotSupported(
      'allowSharedKeyAccess',
      'atrest authorizes Blob requests with the account keys only (Shared Key, and SAS signed with them), so false would leave no way to the data. Send true, or leave it out.',
    );
  if (features?.allowBlobPublicAccess === true)
    throw accountFeatureNotSupported('allowBlobPublicAccess', 'atrest accounts permit no anonymous access to blobs. Send false, or leave it out.');
  if (features?.isHnsEnabled === true)
    throw accountFeatureNotSupported('isHnsEnabled', 'atrest has no hierarchical namespace (Data Lake Storage). Send false, or leave it out.');
};
