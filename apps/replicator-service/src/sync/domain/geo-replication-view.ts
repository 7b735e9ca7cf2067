import type { GeoReplicationStatus } from '@atrest/contracts';

// Pure rules of an account's geo-replication status and of when to report
// it (docs/adr/0007, "Last sync time"). Time is passed in.

export interface ReplicationFacts {
  /** Every write acknowledged before it is in the secondary; null until the first sync point completes. */
  readonly lastSyncTime: Date | null;
  /** Since when comparing or copying has been failing, if it is. */
  readonly failingSince?: Date;
  readonly failoverInProgress: boolean;
}

export interface GeoReplicationView {
  readonly status: GeoReplicationStatus;
  readonly lastSyncTime: Date | null;
  readonly canFailover: boolean;
}

export const geoReplicationView = (facts: ReplicationFacts, now: Date, unavailableAfterMs: number): GeoReplicationView => {
  const failing = facts.failingSince !== undefined && now.getTime() - facts.failingSince.getTime() >= unavailableAfterMs;
  const status: GeoReplicationStatus = facts.failoverInProgress || failing ? 'Unavailable' : facts.lastSyncTime ? 'Live' : 'Bootstrap';
  return { status, lastSyncTime: facts.lastSyncTime, canFailover: status !== 'Unavailable' && facts.lastSyncTime !== null };
};

export interface Reported {
  readonly status: string | null;
  readonly lastSyncTime: Date | null;
  readonly at: Date | null;
}

/** Whether to publish `next`: always a status change (or a first report); a new last sync time at most once per interval. */
export const progressDue = (reported: Reported, next: GeoReplicationView, now: Date, intervalMs: number): boolean => {
  if (reported.status !== next.status || reported.at === null) return true;
  if ((reported.lastSyncTime?.getTime() ?? null) === (next.lastSyncTime?.getTime() ?? null)) return false;
  return now.getTime() - reported.at.getTime() >= intervalMs;
};

/**
 * A comparison of the two stores at `at` and the versions the secondary
 * must reach for `at` to become the last sync time.
 */
export interface SyncPoint {
  readonly incarnation: number;
  readonly at: Date;
  readonly requirements: ReadonlyMap<string, number>;
}
