import { DomainError, regions } from '@atrest/contracts';

/** Azure Resource Manager's own codes for resource group failures. */
export const ResourceGroupErrorCodes = {
  notFound: 'ResourceGroupNotFound',
  invalidName: 'InvalidResourceGroup',
  locationRequired: 'LocationRequired',
  locationNotAvailable: 'LocationNotAvailableForResourceGroup',
  locationChanged: 'InvalidResourceGroupLocation',
  deletionBlocked: 'ResourceGroupDeletionBlocked',
} as const;

export const resourceGroupNotFound = (name: string): DomainError =>
  new DomainError(ResourceGroupErrorCodes.notFound, `Resource group '${name}' could not be found.`);

export const invalidResourceGroupName = (name: string, problem: string): DomainError =>
  new DomainError(ResourceGroupErrorCodes.invalidName, `The provided resource group name '${name}' is invalid: ${problem}`);

export const locationRequired = (): DomainError =>
  new DomainError(ResourceGroupErrorCodes.locationRequired, 'The location property is required for this definition.');

export const resourceGroupLocationNotAvailable = (location: string): DomainError =>
  new DomainError(
    ResourceGroupErrorCodes.locationNotAvailable,
    `The provided location '${location}' is not available for resource group. List of available regions is '${regions.map((r) => r.name).join(',')}'.`,
  );

export const resourceGroupLocationChanged = (requested: string, existing: string): DomainError =>
  new DomainError(
    ResourceGroupErrorCodes.locationChanged,
    `Invalid resource group location '${requested}'. The Resource group already exists in location '${existing}'.`,
  );

export const resourceGroupDeletionBlocked = (name: string, accounts: readonly string[]): DomainError =>
  new DomainError(
    ResourceGroupErrorCodes.deletionBlocked,
    `Deletion of resource group '${name}' is blocked: it still contains the storage accounts ${accounts.map((a) => `'${a}'`).join(', ')}. Delete them first, then delete the group.`,
  );
