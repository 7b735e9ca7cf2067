import type { ArmStatusTable } from '@atrest/azure-wire';
import { GeoFailoverErrorCodes as Failover } from '../geo-replication/domain/geo-failover.errors';
import { ResourceGroupErrorCodes as Group } from '../resource-groups/domain/resource-group.errors';
import { StorageAccountErrorCodes as Account } from '../storage-accounts/domain/storage-account.errors';

/** The one place account-service's domain error codes become HTTP statuses (ARM's, where ARM has the code). */
export const accountServiceStatusTable: ArmStatusTable = {
  [Group.notFound]: 404,
  [Group.invalidName]: 400,
  [Group.locationRequired]: 400,
  [Group.locationNotAvailable]: 400,
  [Group.locationChanged]: 409,
  [Group.deletionBlocked]: 409,
  [Account.accountNameInvalid]: 400,
  [Account.notFound]: 404,
  [Account.alreadyTaken]: 409,
  [Account.inAnotherResourceGroup]: 409,
  [Account.invalidValues]: 400,
  [Account.invalidPropertyValue]: 400,
  [Account.locationNotAvailable]: 400,
  [Account.locationChanged]: 409,
  [Account.notClassic]: 409,
  [Account.classicAccount]: 409,
  [Account.migratedAccount]: 409,
  [Account.featureNotRegistered]: 409,
  [Account.createdBeforeRegistration]: 409,
  [Account.regionNotAvailable]: 409,
  [Account.serviceNotSupported]: 400,
  [Account.infrastructureEncryption]: 400,
  [Account.featureNotSupported]: 400,
  [Account.missingKeyVaultProperties]: 400,
  [Account.operationInProgress]: 409,
  // key-management-service answers 403 for data-plane use; a PUT/PATCH naming an unusable vault key is 400, as Azure answers it.
  [Account.keyVaultKeyNotFound]: 400,
  [Failover.notSupported]: 409,
  [Failover.inProgress]: 409,
  [Failover.lastSyncTimeUnavailable]: 409,
};
