import { errorCodeOf } from '@atrest/testing';
import { checkLeaseAccess, decideLease, leaseProperties, leaseStateAt, type Lease, type LeaseRequest } from './lease';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const t0 = new Date('2026-11-29T12:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const newId = () => B;

const leased = (duration = 30, id = A): Lease => ({ id, duration, expiresAt: duration === -1 ? null : at(duration), brokenAt: null });
const breaking = (until = 10): Lease => ({ ...leased(-1), brokenAt: at(until) });
const decide = (request: LeaseRequest, lease: Lease | null, seconds = 1) => decideLease(request, lease, at(seconds), newId);

describe('lease state', () => {
  it('reads leased, expired, breaking and broken off the lease’s times', () => {
    expect(leaseStateAt(null, t0)).toBe('available');
    expect(leaseStateAt(leased(15), at(14))).toBe('leased');
    expect(leaseStateAt(leased(15), at(15))).toBe('expired');
    expect(leaseStateAt(leased(-1), at(86_400))).toBe('leased');
    expect(leaseStateAt(breaking(10), at(9))).toBe('breaking');
    expect(leaseStateAt(breaking(10), at(10))).toBe('broken');
    expect(leaseProperties(leased(-1), t0)).toEqual({ status: 'locked', state: 'leased', duration: 'infinite' });
    expect(leaseProperties(leased(20), t0)).toEqual({ status: 'locked', state: 'leased', duration: 'fixed' });
    expect(leaseProperties(breaking(), t0)).toEqual({ status: 'locked', state: 'breaking' });
    expect(leaseProperties(leased(20), at(21))).toEqual({ status: 'unlocked', state: 'expired' });
  });
});

describe('Lease Blob, as Azure’s state table has it', () => {
  it('acquires an available, expired or broken lease, with the proposed id or a new one', () => {
    expect(decide({ action: 'acquire', duration: 15 }, null)).toEqual({ lease: { id: B, duration: 15, expiresAt: at(16), brokenAt: null }, leaseId: B });
    expect(decide({ action: 'acquire', duration: -1, proposedId: A }, leased(15), 20)).toEqual({ lease: { id: A, duration: -1, expiresAt: null, brokenAt: null }, leaseId: A });
    expect(decide({ action: 'acquire', duration: 60 }, breaking(5), 6).leaseId).toBe(B);
  });

  it('refuses to acquire a held lease unless it is the holder’s own (which renews it), or while it breaks', () => {
    expect(errorCodeOf(() => decide({ action: 'acquire', duration: 15 }, leased()))).toBe('LeaseAlreadyPresent');
    expect(errorCodeOf(() => decide({ action: 'acquire', duration: 15, proposedId: B }, leased()))).toBe('LeaseAlreadyPresent');
    expect(decide({ action: 'acquire', duration: 60, proposedId: A.toUpperCase() }, leased(15), 10).lease?.expiresAt).toEqual(at(70));
    expect(errorCodeOf(() => decide({ action: 'acquire', duration: 15, proposedId: A }, breaking()))).toBe('LeaseIsBreakingAndCannotBeAcquired');
  });

  it('renews a held or expired lease by its id only, never a broken one', () => {
    expect(decide({ action: 'renew', id: A }, leased(30), 10).lease?.expiresAt).toEqual(at(40));
    expect(decide({ action: 'renew', id: A }, leased(15), 100).lease?.expiresAt).toEqual(at(115));
    expect(errorCodeOf(() => decide({ action: 'renew', id: B }, leased()))).toBe('LeaseIdMismatchWithLeaseOperation');
    expect(errorCodeOf(() => decide({ action: 'renew', id: A }, null))).toBe('LeaseNotPresentWithLeaseOperation');
    expect(errorCodeOf(() => decide({ action: 'renew', id: A }, breaking()))).toBe('LeaseIsBrokenAndCannotBeRenewed');
    expect(errorCodeOf(() => decide({ action: 'renew', id: A }, breaking(), 20))).toBe('LeaseIsBrokenAndCannotBeRenewed');
  });

  it('changes a held lease’s id (again, idempotently), not an expired, breaking or broken one', () => {
    expect(decide({ action: 'change', id: A, proposedId: B }, leased())).toEqual({ lease: { ...leased(), id: B }, leaseId: B });
    expect(decide({ action: 'change', id: A, proposedId: B }, leased(30, B)).leaseId).toBe(B);
    expect(errorCodeOf(() => decide({ action: 'change', id: B, proposedId: 'cccccccc-0000-4000-8000-000000000003' }, leased()))).toBe('LeaseIdMismatchWithLeaseOperation');
    expect(errorCodeOf(() => decide({ action: 'change', id: A, proposedId: B }, breaking()))).toBe('LeaseIsBreakingAndCannotBeChanged');
    expect(errorCodeOf(() => decide({ action: 'change', id: A, proposedId: B }, leased(15), 20))).toBe('LeaseNotPresentWithLeaseOperation');
  });

  it('releases by its id in any state but available', () => {
    expect(decide({ action: 'release', id: A }, leased())).toEqual({ lease: null });
    expect(decide({ action: 'release', id: A }, breaking(), 20)).toEqual({ lease: null });
    expect(errorCodeOf(() => decide({ action: 'release', id: B }, leased()))).toBe('LeaseIdMismatchWithLeaseOperation');
    expect(errorCodeOf(() => decide({ action: 'release', id: A }, null))).toBe('LeaseNotPresentWithLeaseOperation');
  });

  it('breaks: an infinite lease at once by default, a fixed one when it would run out, never later; a break may only be shortened', () => {
    expect(decide({ action: 'break' }, leased(-1), 5)).toEqual({ lease: { ...leased(-1), brokenAt: at(5) }, leaseTime: 0 });
    expect(decide({ action: 'break' }, leased(30), 10)).toEqual({ lease: { ...leased(30), brokenAt: at(30) }, leaseTime: 20 });
    expect(decide({ action: 'break', breakPeriod: 60 }, leased(30), 10).leaseTime).toBe(20);
    expect(decide({ action: 'break', breakPeriod: 5 }, leased(-1), 10)).toEqual({ lease: { ...leased(-1), brokenAt: at(15) }, leaseTime: 5 });
    expect(decide({ action: 'break', breakPeriod: 50 }, breaking(10), 2).lease?.brokenAt).toEqual(at(10));
    expect(decide({ action: 'break', breakPeriod: 1 }, breaking(10), 2).lease?.brokenAt).toEqual(at(3));
    expect(decide({ action: 'break' }, breaking(10), 20)).toEqual({ lease: breaking(10), leaseTime: 0 });
    expect(decide({ action: 'break' }, leased(15), 20)).toEqual({ lease: null, leaseTime: 0 });
    expect(errorCodeOf(() => decide({ action: 'break' }, null))).toBe('LeaseNotPresentWithLeaseOperation');
  });
});

describe('requests on a leased blob or container', () => {
  it('writes need the active lease’s id; naming a lease needs it to be the active one', () => {
    const now = at(1);
    expect(errorCodeOf(() => checkLeaseAccess(undefined, leased(), now, 'write'))).toBe('LeaseIdMissing');
    expect(errorCodeOf(() => checkLeaseAccess(undefined, breaking(), now, 'write'))).toBe('LeaseIdMissing');
    expect(() => checkLeaseAccess(undefined, leased(), now, 'read')).not.toThrow();
    expect(() => checkLeaseAccess(A.toUpperCase(), leased(), now, 'write')).not.toThrow();
    expect(errorCodeOf(() => checkLeaseAccess(B, leased(), now, 'read'))).toBe('LeaseIdMismatchWithBlobOperation');
    expect(() => checkLeaseAccess(undefined, leased(15), at(20), 'write')).not.toThrow();
    expect(errorCodeOf(() => checkLeaseAccess(A, leased(15), at(20), 'write'))).toBe('LeaseLost');
    expect(errorCodeOf(() => checkLeaseAccess(A, breaking(), at(20), 'write'))).toBe('LeaseLost');
    expect(errorCodeOf(() => checkLeaseAccess(A, null, now, 'write'))).toBe('LeaseNotPresentWithBlobOperation');
    expect(errorCodeOf(() => checkLeaseAccess(B, leased(15), at(20), 'read'))).toBe('LeaseNotPresentWithBlobOperation');
  });

  it('names the container in a container’s refusals', () => {
    expect(errorCodeOf(() => checkLeaseAccess(undefined, leased(), at(1), 'write', 'Container'))).toBe('LeaseIdMissing');
    expect(errorCodeOf(() => checkLeaseAccess(B, leased(), at(1), 'read', 'Container'))).toBe('LeaseIdMismatchWithContainerOperation');
    expect(errorCodeOf(() => checkLeaseAccess(A, null, at(1), 'read', 'Container'))).toBe('LeaseNotPresentWithContainerOperation');
  });
});
