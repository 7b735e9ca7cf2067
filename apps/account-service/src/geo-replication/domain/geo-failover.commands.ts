import type { GeoReplicationStatus } from '@atrest/contracts';

/** ARM POST .../storageAccounts/{name}/failover: fail the account over to its secondary region (operation `operationId`). */
export interface FailoverStorageAccount {
  readonly type: 'FailoverStorageAccount';
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly accountName: string;
  readonly operationId: string;
  readonly now: Date;
}

/** The replicator prepared the secondary (FailoverReplicaPrepared): make it the primary. */
export interface CompleteFailover {
  readonly type: 'CompleteFailover';
  readonly accountName: string;
  readonly operationId: string;
  readonly unreplicatedChanges: number;
  readonly lastSyncTime: string | null;
  readonly now: Date;
}

export type GeoFailoverCommand = FailoverStorageAccount | CompleteFailover;

/** The replicator's latest report for the account (undefined: none yet). */
export interface GeoReplicationReport {
  readonly status: GeoReplicationStatus;
  readonly canFailover: boolean;
  readonly lastSyncTime: string | null;
}
