/**
 * An account's re-wrap job (docs/adr/0005, "Rotation and key source"): after
 * a rotation, every stored wrapped data key of the account with an older KEK
 * version is re-wrapped by the newest one, ciphertext untouched. One job per
 * account, kept as a state row; these pure transitions are all that changes it.
 */
export type RewrapStatus = 'NotStarted' | 'Running' | 'Blocked' | 'Succeeded';

export interface RewrapError {
  readonly code: string;
  readonly message: string;
}

export interface RewrapJob {
  readonly account: string;
  readonly status: RewrapStatus;
  /** The newest KEK version known (the ring's first, or its latest rotation); unknown before either was heard. */
  readonly targetKekVersion?: number;
  /**
   * The first version of the account's current ring: rows below it belong to a
   * deleted account of the same name, whose KEKs are destroyed (never re-wrapped).
   */
  readonly firstKekVersion: number;
  /** Stored wrapped keys re-wrapped so far plus those still to do. */
  readonly total: number;
  readonly rewrapped: number;
  readonly startTime?: Date;
  readonly endTime?: Date;
  /** Why it is Blocked. */
  readonly error?: RewrapError;
  /** Failed attempts in a row (the retry backoff). */
  readonly attempts: number;
  /** When the worker may take it up again (Running and Blocked jobs). */
  readonly nextAttemptAt?: Date;
  /**
   * Until then a writer may still store a data key wrapped by an older
   * version (a write key issued before the rotation lives DEK_CACHE_TTL_SECONDS),
   * so the job does not call itself done before it.
   */
  readonly settlesAt?: Date;
}

/** What happens to a job: heard on atrest.keys, asked for over the management plane, or done by the worker. */
export type RewrapFact =
  | { readonly type: 'KeyRingCreated'; readonly kekVersion: number }
  | { readonly type: 'KeyRotated'; readonly kekVersion: number; readonly settlesAt: Date; readonly now: Date }
  | { readonly type: 'RewrapRequested'; readonly now: Date }
  | { readonly type: 'KeyRestored'; readonly now: Date }
  | { readonly type: 'PassCounted'; readonly target: number; readonly remaining: number }
  | { readonly type: 'BatchRewrapped'; readonly target: number; readonly count: number }
  | { readonly type: 'PassCompleted'; readonly target: number; readonly remaining: number; readonly now: Date }
  | { readonly type: 'Blocked'; readonly target: number; readonly error: RewrapError; readonly now: Date };

export const initialRewrapJob = (account: string): RewrapJob => ({ account, status: 'NotStarted', firstKekVersion: 1, total: 0, rewrapped: 0, attempts: 0 });

/** First retry after a second, doubling, at most every five minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);

/** Whether the worker has anything to do for it. */
export const isActive = (job: RewrapJob): boolean => job.status === 'Running' || job.status === 'Blocked';

export const remainingOf = (job: RewrapJob): number => Math.max(0, job.total - job.rewrapped);

/** The next state; the same object when the fact changes nothing (a replay, or the worker's news about a target since replaced). */
export const evolve = (job: RewrapJob, fact: RewrapFact): RewrapJob => {
  switch (fact.type) {
    case 'KeyRingCreated':
      // A new ring (a new account under this name, or the first event heard): nothing is owed yet.
      if (job.targetKekVersion !== undefined && job.targetKekVersion >= fact.kekVersion) return job;
      return { ...initialRewrapJob(job.account), targetKekVersion: fact.kekVersion, firstKekVersion: fact.kekVersion };
    case 'KeyRotated':
      if (job.targetKekVersion !== undefined && job.targetKekVersion >= fact.kekVersion) return job;
      return { ...started(job, fact.now), targetKekVersion: fact.kekVersion, total: 0, rewrapped: 0, settlesAt: fact.settlesAt };
    case 'RewrapRequested':
      if (job.targetKekVersion === undefined) return job;
      if (isActive(job)) return { ...job, status: 'Running', error: undefined, nextAttemptAt: fact.now };
      return { ...started(job, fact.now), total: 0, rewrapped: 0 };
    case 'KeyRestored':
      return job.status === 'Blocked' ? { ...job, nextAttemptAt: fact.now } : job;
    case 'PassCounted':
      return isCurrent(job, fact.target) ? { ...job, total: job.rewrapped + fact.remaining } : job;
    case 'BatchRewrapped':
      // Nothing swapped (the batch failed on its first key): no progress, so the backoff keeps growing.
      if (!isCurrent(job, fact.target) || fact.count === 0) return job;
      return { ...job, status: 'Running', rewrapped: job.rewrapped + fact.count, total: Math.max(job.total, job.rewrapped + fact.count), error: undefined, attempts: 0 };
    case 'PassCompleted':
      if (!isCurrent(job, fact.target)) return job;
      if (fact.remaining > 0) return { ...job, status: 'Running', total: job.rewrapped + fact.remaining, nextAttemptAt: fact.now };
      if (job.settlesAt && fact.now < job.settlesAt) return { ...job, status: 'Running', total: job.rewrapped, nextAttemptAt: job.settlesAt };
      return { ...job, status: 'Succeeded', total: job.rewrapped, endTime: fact.now, error: undefined, attempts: 0, nextAttemptAt: undefined };
    case 'Blocked': {
      if (!isCurrent(job, fact.target)) return job;
      const attempts = job.attempts + 1;
      return { ...job, status: 'Blocked', error: fact.error, attempts, nextAttemptAt: new Date(fact.now.getTime() + retryDelayMs(attempts)) };
    }
    default: {
      const unknown: never = fact;
      throw new Error(`unknown re-wrap fact ${JSON.stringify(unknown)}`);
    }
  }
};

const started = (job: RewrapJob, now: Date): RewrapJob => ({
  ...job,
  status: 'Running',
  startTime: now,
  endTime: undefined,
  error: undefined,
  attempts: 0,
  nextAttemptAt: now,
});

/** The worker's news is about this job only while it still runs towards that target. */
const isCurrent = (job: RewrapJob, target: number): boolean => isActive(job) && job.targetKekVersion === target;
