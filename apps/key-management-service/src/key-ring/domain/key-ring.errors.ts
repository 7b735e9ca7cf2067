import { DomainError } from '@atrest/contracts';
import { customerKeyId, type CustomerKeyRef } from './customer-key';

export interface AccountPath {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly accountName: string;
}

/** Management plane: the account is not known here (or not under that subscription and resource group). */
export const accountNotFound = ({ resourceGroup, accountName }: AccountPath): DomainError =>
  new DomainError(
    'ResourceNotFound',
    `The Resource 'Microsoft.Storage/storageAccounts/${accountName}' under resource group '${resourceGroup}' was not found.`,
  );

/** Azure's code when the customer's key cannot be used: revoked, disabled or never imported. */
export const customerKeyUnavailable = (ref: CustomerKeyRef, accountName?: string): DomainError =>
  new DomainError(
    'KeyVaultEncryptionKeyNotFound',
    `The key vault key '${customerKeyId(ref)}'${accountName ? ` protecting storage account '${accountName}'` : ''} was not found or is revoked; ` +
      'import or restore it to use it.',
  );
