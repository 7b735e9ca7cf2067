import type { Request } from 'express';
import { remainingOf, type RewrapError, type RewrapJob, type RewrapStatus } from './domain/rewrap-job';

/** The ARM path of an account's re-wrap job (an atrest extension under its encryptionKeys, which key-management-service serves). */
export const KEY_REWRAP_PATH =
  'subscriptions/:subscriptionId/resourceGroups/:resourceGroup/providers/Microsoft.Storage/storageAccounts/:accountName/encryptionKeys/rewrap';

/** Which account the path names; account names are lower case whatever the path's case. */
export interface RewrapAddress {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly accountName: string;
}

export const rewrapAddressOf = (params: Record<string, string>): RewrapAddress => ({
  subscriptionId: params.subscriptionId,
  resourceGroup: params.resourceGroup,
  accountName: params.accountName.toLowerCase(),
});

export interface KeyRewrapResource {
  id: string;
  name: 'rewrap';
  type: 'Microsoft.Storage/storageAccounts/encryptionKeys/rewrap';
  properties: {
    status: RewrapStatus;
    targetKekVersion?: number;
    total: number;
    rewrapped: number;
    remaining: number;
    startTime?: string;
    endTime?: string;
    error?: RewrapError;
  };
}

const resourceId = ({ subscriptionId, resourceGroup, accountName }: RewrapAddress): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${accountName}/encryptionKeys/rewrap`;

/** Progress as the owner sees it: counts of stored wrapped data keys (one per data key and store holding it), never keys. */
export const keyRewrapResource = (address: RewrapAddress, job: RewrapJob): KeyRewrapResource => ({
  id: resourceId(address),
  name: 'rewrap',
  type: 'Microsoft.Storage/storageAccounts/encryptionKeys/rewrap',
  properties: {
    status: job.status,
    ...(job.targetKekVersion !== undefined ? { targetKekVersion: job.targetKekVersion } : {}),
    total: job.total,
    rewrapped: job.rewrapped,
    remaining: remainingOf(job),
    ...(job.startTime ? { startTime: job.startTime.toISOString() } : {}),
    ...(job.endTime ? { endTime: job.endTime.toISOString() } : {}),
    ...(job.status === 'Blocked' && job.error ? { error: job.error } : {}),
  },
});

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();

/** The resource's absolute URL on the host the client called (the gateway's x-forwarded-proto/-host), for Location and Azure-AsyncOperation. */
export const keyRewrapUrl = (request: Request, address: RewrapAddress, apiVersion?: string): string => {
  const proto = first(request.headers['x-forwarded-proto']) ?? request.protocol;
  const host = first(request.headers['x-forwarded-host']) ?? request.headers.host;
  return `${proto}://${host}${resourceId(address)}${apiVersion ? `?api-version=${encodeURIComponent(apiVersion)}` : ''}`;
};
