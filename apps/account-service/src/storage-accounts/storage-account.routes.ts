/** ARM paths of the Storage resource provider (Express matches them case-insensitively, as ARM does). */
export const ACCOUNTS_IN_SUBSCRIPTION = 'subscriptions/:subscriptionId/providers/Microsoft.Storage/storageAccounts';
export const ACCOUNTS_IN_GROUP = 'subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.Storage/storageAccounts';
export const ACCOUNT = `${ACCOUNTS_IN_GROUP}/:accountName`;
export const CHECK_NAME_AVAILABILITY = 'subscriptions/:subscriptionId/providers/Microsoft.Storage/checkNameAvailability';

/** An account as an ARM path names it. */
export interface AccountAddress {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly accountName: string;
}
