import { DomainError } from '@atrest/contracts';
import { blockedReason } from './blocked-reason';
import { evolve, initialRewrapJob, remainingOf, retryDelayMs, type RewrapFact, type RewrapJob } from './rewrap-job';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds));
const given = (...facts: RewrapFact[]): RewrapJob => facts.reduce(evolve, initialRewrapJob('acct1'));
const created: RewrapFact = { type: 'KeyRingCreated', kekVersion: 1 };
const rotated = (kekVersion: number, now = at(0), settlesAt = at(60)): RewrapFact => ({ type: 'KeyRotated', kekVersion, settlesAt, now });
const revoked = { code: 'KeyVaultEncryptionKeyNotFound', message: 'revoked' };

describe('a re-wrap job', () => {
  it('is NotStarted towards the ring’s first version, then Running towards each rotation’s version from when it was heard', () => {
    expect(given(created)).toMatchObject({ status: 'NotStarted', targetKekVersion: 1, firstKekVersion: 1, total: 0, rewrapped: 0 });
    expect(given(created, rotated(2))).toMatchObject({ status: 'Running', targetKekVersion: 2, firstKekVersion: 1, startTime: at(0), nextAttemptAt: at(0), settlesAt: at(60) });
  });

  it('changes nothing for a replayed or older event', () => {
    const running = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 5 });
    expect(evolve(running, rotated(2, at(9)))).toBe(running);
    expect(evolve(running, rotated(1))).toBe(running);
    expect(evolve(running, created)).toBe(running);
  });

  it('counts a pass, batch by batch, and succeeds once nothing is owed and older write keys have retired', () => {
    let job = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 150 });
    expect([job.total, job.rewrapped, remainingOf(job)]).toEqual([150, 0, 150]);
    job = evolve(job, { type: 'BatchRewrapped', target: 2, count: 100 });
    job = evolve(job, { type: 'BatchRewrapped', target: 2, count: 50 });
    expect([job.status, job.total, job.rewrapped, remainingOf(job)]).toEqual(['Running', 150, 150, 0]);
    // Before settlesAt a writer may still store an old-version key: look again then.
    job = evolve(job, { type: 'PassCompleted', target: 2, remaining: 0, now: at(10) });
    expect([job.status, job.nextAttemptAt]).toEqual(['Running', at(60)]);
    job = evolve(job, { type: 'PassCompleted', target: 2, remaining: 0, now: at(61) });
    expect(job).toMatchObject({ status: 'Succeeded', total: 150, rewrapped: 150, endTime: at(61) });
    expect(job.nextAttemptAt).toBeUndefined();
  });

  it('takes in keys stored during the pass with another pass', () => {
    let job = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 1 }, { type: 'BatchRewrapped', target: 2, count: 1 });
    job = evolve(job, { type: 'PassCompleted', target: 2, remaining: 2, now: at(70) });
    expect([job.status, job.total, job.rewrapped, job.nextAttemptAt]).toEqual(['Running', 3, 1, at(70)]);
  });

  it('blocks with the reason, retries with a growing backoff, and runs again on the next batch that goes through', () => {
    let job = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 10 }, { type: 'BatchRewrapped', target: 2, count: 4 });
    job = evolve(job, { type: 'Blocked', target: 2, error: revoked, now: at(10) });
    expect(job).toMatchObject({ status: 'Blocked', error: revoked, attempts: 1, nextAttemptAt: at(11), rewrapped: 4, total: 10 });
    job = evolve(job, { type: 'BatchRewrapped', target: 2, count: 0 }); // nothing went through: still blocked
    job = evolve(job, { type: 'Blocked', target: 2, error: revoked, now: at(11) });
    expect([job.attempts, job.nextAttemptAt]).toEqual([2, at(13)]);
    job = evolve(job, { type: 'BatchRewrapped', target: 2, count: 6 });
    expect(job).toMatchObject({ status: 'Running', rewrapped: 10, attempts: 0 });
    expect(job.error).toBeUndefined();
    expect([retryDelayMs(1), retryDelayMs(3), retryDelayMs(30)]).toEqual([1_000, 4_000, 300_000]);
  });

  it('retries a blocked job at once when the customer key is restored or the owner asks', () => {
    const blocked = given(created, rotated(2), { type: 'Blocked', target: 2, error: revoked, now: at(10) });
    expect(evolve(blocked, { type: 'KeyRestored', now: at(12) })).toMatchObject({ status: 'Blocked', nextAttemptAt: at(12) });
    expect(evolve(blocked, { type: 'RewrapRequested', now: at(12) })).toMatchObject({ status: 'Running', nextAttemptAt: at(12), attempts: 1 });
    const idle = given(created);
    expect(evolve(idle, { type: 'KeyRestored', now: at(12) })).toBe(idle);
  });

  it('starts afresh when asked after it succeeded, and does nothing when no version is known', () => {
    const done = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 3 }, { type: 'BatchRewrapped', target: 2, count: 3 }, { type: 'PassCompleted', target: 2, remaining: 0, now: at(61) });
    expect(evolve(done, { type: 'RewrapRequested', now: at(90) })).toMatchObject({ status: 'Running', total: 0, rewrapped: 0, startTime: at(90), nextAttemptAt: at(90), targetKekVersion: 2 });
    const unknown = initialRewrapJob('acct1');
    expect(evolve(unknown, { type: 'RewrapRequested', now: at(90) })).toBe(unknown);
  });

  it('ignores the worker’s news about a target a newer rotation replaced, and restarts its counts for the new one', () => {
    let job = given(created, rotated(2), { type: 'PassCounted', target: 2, remaining: 10 }, { type: 'BatchRewrapped', target: 2, count: 4 });
    job = evolve(job, rotated(3, at(20), at(80)));
    expect(job).toMatchObject({ status: 'Running', targetKekVersion: 3, total: 0, rewrapped: 0, startTime: at(20) });
    for (const stale of [
      { type: 'BatchRewrapped', target: 2, count: 6 },
      { type: 'PassCompleted', target: 2, remaining: 0, now: at(99) },
      { type: 'Blocked', target: 2, error: revoked, now: at(21) },
    ] as const)
      expect(evolve(job, stale)).toBe(job);
  });

  it('starts over for a new account of the same name, keys below its first version left alone', () => {
    const job = given(created, rotated(2), rotated(3), { type: 'KeyRingCreated', kekVersion: 4 });
    expect(job).toMatchObject({ status: 'NotStarted', targetKekVersion: 4, firstKekVersion: 4, total: 0, rewrapped: 0 });
  });
});

describe('why a job is blocked', () => {
  it('names a revoked customer key and an unreachable service, and nothing else', () => {
    expect(blockedReason(new DomainError('KeyVaultEncryptionKeyNotFound', ''))).toMatchObject({ code: 'KeyVaultEncryptionKeyNotFound', message: expect.stringContaining('restored') });
    expect(blockedReason(new DomainError('ServerBusy', 'The key service cannot serve this request right now (unreachable).'))).toMatchObject({
      code: 'ServerBusy',
      message: expect.stringContaining('unreachable'),
    });
    const internal = blockedReason(new Error('key service refused /rewrap for acct1: WrappedKeyRejected at /app/x.ts'));
    expect(internal.code).toBe('InternalError');
    expect(internal.message).not.toContain('WrappedKeyRejected');
  });
});
