import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@atrest/contracts';
import { AccountDirectory } from '../../account-encryption/account-directory';
import { KmsClient } from '../../keys/kms.client';
import { AccountPlacement } from '../../region-stores/account-placement';
import { blockedReason } from '../domain/blocked-reason';
import { isActive, type RewrapFact } from '../domain/rewrap-job';
import { countOwedKeysIn, storesHoldingKeys } from '../store/key-stores';
import { RewrapJobs } from '../store/rewrap-jobs.repository';
import { owedKeysAfter, swapWrappedKeys, type StoredWrappedKey, type WrappedKeySwap } from '../store/stored-data-keys.repository';

/** Keys read and re-wrapped per round: small enough that a crash or a revocation loses little, large enough to keep the key service busy. */
const BATCH_SIZE = 100;

/** The worker's hold on a claimed job. */
export interface JobLease {
  /** Extends it; false once another worker holds the job. */
  renew(): Promise<boolean>;
  /** The service is stopping: leave the rest to the next claim. */
  readonly stopping: () => boolean;
}

/**
 * One pass of an account's re-wrap job: count what is owed, walk each store
 * in key-id order, re-wrap every owed key through the key service and swap
 * it in compare-and-set, recording progress after each batch, then count
 * again. Only rows actually swapped are counted; any failure blocks the job
 * (retried with backoff), and the next pass starts from what is still owed.
 */
@Injectable()
export class AccountKeyRewrap {
  private readonly logger = new Logger(AccountKeyRewrap.name);

  constructor(
    @Inject(RewrapJobs) private readonly jobs: RewrapJobs,
    @Inject(AccountDirectory) private readonly directory: AccountDirectory,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
    @Inject(KmsClient) private readonly kms: KmsClient,
  ) {}

  async run(account: string, lease: JobLease): Promise<void> {
    const job = await this.jobs.find(account);
    if (!job || !isActive(job) || job.targetKekVersion === undefined) return;
    const target = job.targetKekVersion;
    const record = (fact: RewrapFact) => this.jobs.change(account, fact, 'skip');
    try {
      const found = await this.directory.find(account);
      if (!found && (await this.directory.isDeleted(account))) {
        // Deleted meanwhile: nothing left to protect, so nothing to do.
        await this.jobs.remove(account);
        return;
      }
      // Ring events can overtake the account's own (separate topics): wait for it rather than drop the job.
      if (!found) throw new DomainError('ServerBusy', `The data plane does not know account ${account} yet.`);
      const stores = await storesHoldingKeys(this.placement, found);
      const owed = { account, from: job.firstKekVersion, below: target };
      await record({ type: 'PassCounted', target, remaining: await countOwedKeysIn(stores, owed) });
      const passId = randomUUID(); // the key service's audit rows of this pass share it
      for (const store of stores) {
        for (let after: string | undefined; ; ) {
          if (lease.stopping()) return;
          const rows = await owedKeysAfter(store, owed, after, BATCH_SIZE);
          if (rows.length === 0) break;
          const { swaps, failure } = await this.rewrapAll(account, rows, target, passId);
          const now = await record({ type: 'BatchRewrapped', target, count: await swapWrappedKeys(store, account, swaps) });
          if (failure) throw failure;
          // A newer rotation, a deleted account or a lost lease: the next claim starts over.
          if (!now || !isActive(now) || now.targetKekVersion !== target || !(await lease.renew())) return;
          after = rows[rows.length - 1].keyId;
        }
      }
      await record({ type: 'PassCompleted', target, remaining: await countOwedKeysIn(stores, owed), now: new Date() });
    } catch (error) {
      const reason = blockedReason(error);
      if (error instanceof DomainError) this.logger.warn({ msg: 'key re-wrap blocked', account, code: reason.code, reason: error.message });
      else this.logger.error({ msg: 'key re-wrap failed', account, err: error });
      await record({ type: 'Blocked', target, error: reason, now: new Date() });
    }
  }

  /** The batch's new wrapped forms, in order, up to the first key the key service did not re-wrap (and why). */
  private async rewrapAll(account: string, rows: readonly StoredWrappedKey[], target: number, passId: string): Promise<{ swaps: WrappedKeySwap[]; failure?: unknown }> {
    const swaps: WrappedKeySwap[] = [];
    for (const row of rows) {
      try {
        const answer = await this.kms.rewrap(account, row.wrappedKey, row.kekVersion, passId);
        if (answer.keyId.toLowerCase() !== row.keyId.toLowerCase() || answer.kekVersion < target)
          throw new Error(`key service answered key ${answer.keyId} at version ${answer.kekVersion} for key ${row.keyId}; expected version ${target} or newer`);
        swaps.push({ keyId: row.keyId, fromVersion: row.kekVersion, wrappedKey: answer.wrappedKey, kekVersion: answer.kekVersion });
      } catch (failure) {
        return { swaps, failure };
      }
    }
    return { swaps };
  }
}
