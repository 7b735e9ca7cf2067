import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { AccountServiceConfig } from '../../config';
import { StorageAccountsView, type StorageAccountRecord } from './storage-account.view';

const POLL_MS = 25;

/**
 * The consistency contract's wait: after an encryption change commits at
 * stream version v, answer only once the data plane acknowledged v (its
 * DataPlaneEncryptionStateApplied reached data_plane_acks) and a key-source
 * change has its answer from the key service recorded (KeySourceChangeCompleted),
 * or when ENCRYPTION_ACK_TIMEOUT_MS has passed, whichever comes first. Polls
 * this service's own tables, so it works whichever instance consumed the answers.
 */
@Injectable()
export class DataPlaneAcknowledgement {
  constructor(
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(SERVICE_CONFIG) private readonly config: AccountServiceConfig,
  ) {}

  /** The account as it stands after waiting: provisioningState Succeeded if acknowledged and answered, else Updating. */
  async settle(name: string): Promise<StorageAccountRecord | undefined> {
    const deadline = Date.now() + this.config.ENCRYPTION_ACK_TIMEOUT_MS;
    for (;;) {
      const record = await this.view.find(name);
      if (!record || record.provisioningState === 'Succeeded' || Date.now() >= deadline) return record;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
