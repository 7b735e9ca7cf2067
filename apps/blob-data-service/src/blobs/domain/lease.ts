import { blobError } from './blob.errors';

// Leases of blobs and containers (Lease Blob, Lease Container), as Azure's
// state table has them: pure, the state read off the lease's times at each
// request, so an expiry or the end of a break needs nothing to run.

export interface Lease {
  readonly id: string;
  /** Seconds, 15 to 60; -1: infinite. */
  readonly duration: number;
  /** When it runs out; null: never (infinite). */
  readonly expiresAt: Date | null;
  /** When a break ends: breaking until then, broken after; null: not broken. */
  readonly brokenAt: Date | null;
}

export type LeaseState = 'available' | 'leased' | 'expired' | 'breaking' | 'broken';

export const leaseStateAt = (lease: Lease | null, now: Date): LeaseState => {
  if (!lease) return 'available';
  if (lease.brokenAt) return now < lease.brokenAt ? 'breaking' : 'broken';
  return lease.expiresAt && now >= lease.expiresAt ? 'expired' : 'leased';
};

/** A lease that holds the blob: writes need its id. */
const isActive = (state: LeaseState): boolean => state === 'leased' || state === 'breaking';

/** x-ms-lease-status, -state and -duration (the last only while leased), as properties and listings give them. */
export const leaseProperties = (lease: Lease | null, now: Date): { status: 'locked' | 'unlocked'; state: LeaseState; duration?: 'infinite' | 'fixed' } => {
  const state = leaseStateAt(lease, now);
  return {
    status: isActive(state) ? 'locked' : 'unlocked',
    state,
    ...(state === 'leased' ? { duration: lease!.duration === -1 ? ('infinite' as const) : ('fixed' as const) } : {}),
  };
};

export type LeaseRequest =
  | { readonly action: 'acquire'; readonly duration: number; readonly proposedId?: string }
  | { readonly action: 'renew'; readonly id: string }
  | { readonly action: 'change'; readonly id: string; readonly proposedId: string }
  | { readonly action: 'release'; readonly id: string }
  | { readonly action: 'break'; readonly breakPeriod?: number };

/** The blob's lease after the request (null: none), and what the answer says. */
export interface LeaseDecision {
  readonly lease: Lease | null;
  /** x-ms-lease-id: acquire, renew, change. */
  readonly leaseId?: string;
  /** x-ms-lease-time, seconds until the break completes: break. */
  readonly leaseTime?: number;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const runsOut = (duration: number, now: Date): Date | null => (duration === -1 ? null : new Date(now.getTime() + duration * 1000));

/** Applies a lease request to the blob's lease as of `now`; a refusal throws its Azure error (409). */
export const decideLease = (request: LeaseRequest, lease: Lease | null, now: Date, newId: () => string): LeaseDecision => {
  const state = leaseStateAt(lease, now);
  const holds = (id: string) => lease !== null && sameId(lease.id, id);
  if (request.action === 'acquire') {
    if (state === 'breaking') throw blobError('LeaseIsBreakingAndCannotBeAcquired');
    if (state === 'leased' && !(request.proposedId && holds(request.proposedId))) throw blobError('LeaseAlreadyPresent');
    const id = request.proposedId ?? newId();
    return { lease: { id, duration: request.duration, expiresAt: runsOut(request.duration, now), brokenAt: null }, leaseId: id };
  }
  if (request.action === 'break') return breakLease(lease, state, request.breakPeriod, now);
  if (!lease || state === 'available') throw blobError('LeaseNotPresentWithLeaseOperation');
  switch (request.action) {
    case 'renew':
      if (!holds(request.id)) throw blobError('LeaseIdMismatchWithLeaseOperation');
      if (state === 'breaking' || state === 'broken') throw blobError('LeaseIsBrokenAndCannotBeRenewed');
      return { lease: { ...lease, expiresAt: runsOut(lease.duration, now) }, leaseId: lease.id };
    case 'change':
      // Retried after it went through, the change finds the proposed id already in place.
      if (!holds(request.id) && !holds(request.proposedId)) throw blobError('LeaseIdMismatchWithLeaseOperation');
      if (state === 'breaking') throw blobError('LeaseIsBreakingAndCannotBeChanged');
      if (state !== 'leased') throw blobError('LeaseNotPresentWithLeaseOperation');
      return { lease: { ...lease, id: request.proposedId }, leaseId: request.proposedId };
    case 'release':
      if (!holds(request.id)) throw blobError('LeaseIdMismatchWithLeaseOperation');
      return { lease: null };
  }
};

/**
 * Break: an expired lease simply ends, a broken one stays broken; a held one
 * breaks after the break period (by default the rest of a fixed lease, at
 * once for an infinite one), never later than the lease would have run out,
 * and a second break may shorten a break under way but not lengthen it.
 */
const breakLease = (lease: Lease | null, state: LeaseState, breakPeriod: number | undefined, now: Date): LeaseDecision => {
  if (!lease || state === 'available') throw blobError('LeaseNotPresentWithLeaseOperation');
  if (state === 'expired') return { lease: null, leaseTime: 0 };
  if (state === 'broken') return { lease, leaseTime: 0 };
  const left = lease.expiresAt ? Math.max(0, lease.expiresAt.getTime() - now.getTime()) : Infinity;
  const period = breakPeriod === undefined ? (lease.expiresAt ? left : 0) : Math.min(breakPeriod * 1000, left);
  let brokenAt = new Date(now.getTime() + period);
  if (lease.brokenAt && lease.brokenAt < brokenAt) brokenAt = lease.brokenAt;
  return { lease: { ...lease, brokenAt }, leaseTime: Math.ceil((brokenAt.getTime() - now.getTime()) / 1000) };
};

/**
 * Whether a request on a blob or container may go ahead under its lease: a
 * change that needs the lease (`kind` 'write': a blob's writes, Delete
 * Container) must name an active one (x-ms-lease-id); any request naming a
 * lease must name the active one.
 */
export const checkLeaseAccess = (
  leaseId: string | undefined,
  lease: Lease | null,
  now: Date,
  kind: 'read' | 'write',
  of: 'Blob' | 'Container' = 'Blob',
): void => {
  const state = leaseStateAt(lease, now);
  if (leaseId === undefined) {
    if (kind === 'write' && isActive(state)) throw blobError('LeaseIdMissing');
    return;
  }
  if (isActive(state)) {
    if (!sameId(lease!.id, leaseId)) throw blobError(`LeaseIdMismatchWith${of}Operation`);
    return;
  }
  if (lease && sameId(lease.id, leaseId)) throw blobError('LeaseLost');
  throw blobError(`LeaseNotPresentWith${of}Operation`);
};
