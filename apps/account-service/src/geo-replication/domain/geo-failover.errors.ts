import { DomainError } from '@atrest/contracts';

/** Refusals of a failover (docs/adr/0007), each saying what would make it possible. */
export const GeoFailoverErrorCodes = {
  notSupported: 'FailoverNotSupported',
  inProgress: 'FailoverInProgress',
  lastSyncTimeUnavailable: 'LastSyncTimeUnavailable',
} as const;

export const failoverNotSupported = (name: string, sku: string): DomainError =>
  new DomainError(
    GeoFailoverErrorCodes.notSupported,
    `The storage account '${name}' is ${sku}: failover is available for geo-redundant accounts only (Standard_GRS, Standard_RAGRS).`,
  );

export const failoverInProgress = (name: string, operationId: string): DomainError =>
  new DomainError(GeoFailoverErrorCodes.inProgress, `A failover of the storage account '${name}' is already in progress (operation ${operationId}); wait for it to complete.`);

export const lastSyncTimeUnavailable = (name: string, status: string): DomainError =>
  new DomainError(
    GeoFailoverErrorCodes.lastSyncTimeUnavailable,
    `The storage account '${name}' cannot fail over now: its geo-replication status is ${status} and its secondary has no last sync time yet. Retry once geoReplicationStats.canFailover is true.`,
  );
