import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RewrapJobs } from '../store/rewrap-jobs.repository';
import { AccountKeyRewrap } from './account-key-rewrap';

/** How often the worker looks for due jobs when nobody nudged it (retries after a backoff, jobs of other instances' crashes). */
const POLL_MS = 1_000;
/** A claimed job is this worker's for this long, renewed after every batch; a crashed worker's job is taken up after it. */
const LEASE_MS = 30_000;

/**
 * The in-process re-wrap worker: started with the app, it takes due jobs
 * from key_rewrap_jobs one at a time (leased, so instances share the work
 * and a restart resumes where the table says), and stops between batches
 * when the app closes, before the stores and the database do.
 */
@Injectable()
export class KeyRewrapWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KeyRewrapWorker.name);
  private readonly owner = randomUUID();
  private stopping = false;
  private nudged = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    @Inject(RewrapJobs) private readonly jobs: RewrapJobs,
    @Inject(AccountKeyRewrap) private readonly rewrap: AccountKeyRewrap,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.work();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /** A job may have become due (a rotation, a request, a restored key): look now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      this.nudged = false;
      const account = await this.jobs.claimDue(this.owner, new Date(), LEASE_MS).catch((error: unknown) => {
        this.logger.warn({ msg: 'cannot look for re-wrap jobs', err: String(error) });
        return undefined;
      });
      if (account) {
        await this.runClaimed(account);
        continue;
      }
      if (!this.nudged) await this.sleep(POLL_MS);
    }
  }

  private async runClaimed(account: string): Promise<void> {
    const lease = {
      renew: () => this.jobs.renew(account, this.owner, new Date(Date.now() + LEASE_MS)),
      stopping: () => this.stopping,
    };
    try {
      await this.rewrap.run(account, lease);
    } catch (error) {
      this.logger.error({ msg: 'key re-wrap pass failed', account, err: error });
    } finally {
      await this.jobs.release(account, this.owner).catch(() => undefined); // the lease runs out by itself
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
