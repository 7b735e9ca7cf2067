import type { Lease } from '../domain/lease';

/** The lease columns of `blobs` and `containers` (migration Leases1765400000200). */
export const LEASE_COLUMNS = 'lease_id, lease_duration, lease_expires_at, lease_broken_at';

export interface LeaseRow {
  lease_id: string | null;
  lease_duration: number | null;
  lease_expires_at: Date | null;
  lease_broken_at: Date | null;
}

export const leaseOf = (row: LeaseRow): Lease | null =>
  row.lease_id ? { id: row.lease_id, duration: row.lease_duration!, expiresAt: row.lease_expires_at, brokenAt: row.lease_broken_at } : null;

/** `SET` of the lease columns from $first on, and their values (all NULL: no lease). */
export const leaseAssignment = (first: number): string =>
  LEASE_COLUMNS.split(', ')
    .map((column, i) => `${column} = $${first + i}`)
    .join(', ');

export const leaseValues = (lease: Lease | null): unknown[] => [lease?.id ?? null, lease?.duration ?? null, lease?.expiresAt ?? null, lease?.brokenAt ?? null];
