import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../../account-encryption/account-directory';
import { AccountPlacement } from '../../../region-stores/account-placement';
import { initialRewrapJob, isActive } from '../../domain/rewrap-job';
import { keyRewrapResource, type KeyRewrapResource, type RewrapAddress } from '../../key-rewrap.resource';
import { findAccountAt } from '../../rewrap-account';
import { countOwedKeysIn, storesHoldingKeys } from '../../store/key-stores';
import { RewrapJobs } from '../../store/rewrap-jobs.repository';
import { KeyRewrapWorker } from '../../worker/key-rewrap.worker';

export interface StartedKeyRewrap {
  /** False: nothing is owed (every stored key is at the newest version known), so nothing was started. */
  readonly started: boolean;
  readonly resource: KeyRewrapResource;
}

/**
 * Starts (or, when Blocked, retries at once) the account's re-wrap towards
 * the newest KEK version known: from the ring's events, so a rotation whose
 * event has not arrived yet is re-wrapped to by the job that event starts.
 */
@Injectable()
export class StartKeyRewrapHandler {
  constructor(
    @Inject(AccountDirectory) private readonly directory: AccountDirectory,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
    @Inject(RewrapJobs) private readonly jobs: RewrapJobs,
    @Inject(KeyRewrapWorker) private readonly worker: KeyRewrapWorker,
  ) {}

  async execute(address: RewrapAddress, now: Date): Promise<StartedKeyRewrap> {
    const account = await findAccountAt(this.directory, address);
    const name = address.accountName;
    const job = (await this.jobs.find(name)) ?? initialRewrapJob(name);
    const target = job.targetKekVersion;
    if (target === undefined) return { started: false, resource: keyRewrapResource(address, job) };
    if (!isActive(job)) {
      const owed = await countOwedKeysIn(await storesHoldingKeys(this.placement, account), { account: name, from: job.firstKekVersion, below: target });
      if (owed === 0) return { started: false, resource: keyRewrapResource(address, job) };
    }
    const started = (await this.jobs.change(name, { type: 'RewrapRequested', now }, 'create'))!;
    this.worker.nudge();
    return { started: true, resource: keyRewrapResource(address, started) };
  }
}
