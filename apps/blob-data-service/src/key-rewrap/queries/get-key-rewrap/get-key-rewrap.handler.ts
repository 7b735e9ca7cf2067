import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../../account-encryption/account-directory';
import { initialRewrapJob } from '../../domain/rewrap-job';
import { keyRewrapResource, type KeyRewrapResource, type RewrapAddress } from '../../key-rewrap.resource';
import { findAccountAt } from '../../rewrap-account';
import { RewrapJobs } from '../../store/rewrap-jobs.repository';

/** The account's re-wrap job as it stands (NotStarted if there never was one). */
@Injectable()
export class GetKeyRewrapHandler {
  constructor(
    @Inject(AccountDirectory) private readonly directory: AccountDirectory,
    @Inject(RewrapJobs) private readonly jobs: RewrapJobs,
  ) {}

  async execute(address: RewrapAddress): Promise<KeyRewrapResource> {
    await findAccountAt(this.directory, address);
    return keyRewrapResource(address, (await this.jobs.find(address.accountName)) ?? initialRewrapJob(address.accountName));
  }
}
