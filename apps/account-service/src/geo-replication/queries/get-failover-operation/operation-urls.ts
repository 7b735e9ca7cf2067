import type { Request } from 'express';
import type { AccountAddress } from '../../../storage-accounts/storage-account.routes';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();

/**
 * The absolute URLs of a failover operation, on the host the client called
 * (the gateway's x-forwarded-proto/-host, else this service's own):
 * `status` for Azure-AsyncOperation, `result` for Location.
 */
export const operationUrls = (request: Request, account: AccountAddress, operationId: string, apiVersion?: string): { status: string; result: string } => {
  const proto = first(request.headers['x-forwarded-proto']) ?? request.protocol;
  const host = first(request.headers['x-forwarded-host']) ?? request.headers.host;
  const base = `${proto}://${host}/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.accountName}/failoverOperations/${operationId}`;
  const query = apiVersion ? `?api-version=${encodeURIComponent(apiVersion)}` : '';
  return { status: `${base}${query}`, result: `${base}/result${query}` };
};
