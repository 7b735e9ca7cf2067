import type { Lease } from '../domain/lease';

/** The lease columns of `blobs` and `containers` (migration Leases1765400000200), in leaseValues' order. */
const LEASE_COLUMN_NAMES = ['lease_id', 'lease_duration', 'lease_expires_at', 'lease_broken_at'] as const;

export const LEASE_COLUMNS = LEASE_COLUMN_NAMES.join(', ');

/** The columns of a row without a lease, as JSON to lay over a copied row (a lease is not replicated). */
export const NO_LEASE: Readonly<Record<string, null>> = Object.fromEntries(LEASE_COLUMN_NAMES.map((column) => [column, null]));

export interface LeaseRow {
  lease_id: string | null;
  lease_duration: number | null;
  lease_expires_at: Date | null;
  lease_broken_at: Date | null;
}

export const leaseOf = (row: LeaseRow): Lease | null =>
  row.lease_id ? { id: row.lease_id, duration: row.lease_duration!, expiresAt: row.lease_expires_at, brokenAt: row.lease_broken_at } : null;

/** `SET` of the lease columns from $first on, and their values (all NULL: no lease). */
export const leaseAssignment = (first: number): string => LEASE_COLUMN_NAMES.map((column, i) => `${column} = $${first + i}`).join(', ');

export const leaseValues = (lease: Lease | null): unknown[] => [lease?.id ?? null, lease?.duration ?? null, lease?.expiresAt ?? null, lease?.brokenAt ?? null];
