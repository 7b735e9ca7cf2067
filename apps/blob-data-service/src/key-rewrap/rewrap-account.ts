import { DomainError } from '@atrest/contracts';
import type { AccountDirectory } from '../account-encryption/account-directory';
import type { DataPlaneAccount } from '../account-encryption/data-plane-account';
import type { RewrapAddress } from './key-rewrap.resource';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The account the path names, if it is under that subscription and resource
 * group (ARM names are case-insensitive); else ARM's ResourceNotFound. A row
 * that has not learnt its resource group yet is checked by subscription only.
 */
export const findAccountAt = async (directory: AccountDirectory, address: RewrapAddress): Promise<DataPlaneAccount> => {
  const account = await directory.find(address.accountName);
  if (!account || !same(account.subscriptionId, address.subscriptionId) || (account.resourceGroup !== undefined && !same(account.resourceGroup, address.resourceGroup)))
    throw new DomainError(
      'ResourceNotFound',
      `The Resource 'Microsoft.Storage/storageAccounts/${address.accountName}' under resource group '${address.resourceGroup}' was not found.`,
    );
  return account;
};

/** The management plane's error codes here and their HTTP status (azure-wire's ArmExceptionFilter). */
export const keyRewrapStatusTable = { ResourceNotFound: 404, ServerBusy: 503 } as const;
