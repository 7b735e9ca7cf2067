import { DomainError } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import type { Location } from '../../blobs/domain/account-access';

/**
 * What the account's redundancy allows at a location (docs/adr/0007): no
 * writes while the account fails over (what the secondary lacks is being
 * counted); the secondary of an RA-GRS account serves reads only; any other account has no
 * readable secondary at all (Azure gives it no endpoint: its host name does
 * not resolve, the closest HTTP answer is 404 ResourceNotFound).
 */
export const checkLocationAccess = (account: DataPlaneAccount, location: Location, writes: boolean): void => {
  if (location === 'primary') {
    if (writes && account.geoFailoverPending)
      throw new DomainError('ServerBusy', `The storage account '${account.name}' is failing over to its secondary region; writes resume when the failover completes. Please retry.`);
    return;
  }
  if (writes) throw new DomainError('WriteOperationNotSupportedOnSecondary', '');
  if (account.sku !== 'Standard_RAGRS')
    throw new DomainError('ResourceNotFound', `The storage account '${account.name}' has no readable secondary location (read access needs Standard_RAGRS, it is ${account.sku}).`);
};
