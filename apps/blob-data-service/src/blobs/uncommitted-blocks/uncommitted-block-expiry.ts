import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccountDirectory } from '../../account-encryption/account-directory';
import { AccountPlacement } from '../../region-stores/account-placement';
import { RegionStores } from '../../region-stores/region-stores';
import { blobsWithExpiredBlocks, discardExpiredBlocks, UNCOMMITTED_BLOCK_LIFETIME_MS } from './expired-staged-blocks';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Garbage-collects uncommitted blocks as Azure does: a blob's staged blocks
 * go a week after its last Put Block, with their extents. Every hour, and
 * once a minute after start, each open region store is scanned; a blob's
 * blocks are discarded through its account's primary store as requests
 * reach it (for Standard_ZRS, all three zone copies in one go), so the
 * copies never differ. Blocks of an account the data plane no longer knows,
 * or found in a store that is not the account's, are left alone.
 */
@Injectable()
export class UncommittedBlockExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UncommittedBlockExpiry.name);
  private timer?: NodeJS.Timeout;
  /** The last pass: the next one starts after it. */
  private running?: Promise<number>;

  constructor(
    @Inject(RegionStores) private readonly stores: RegionStores,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (next: number) => {
      this.timer = setTimeout(() => {
        void this.sweep().catch((error: unknown) => this.logger.warn({ msg: 'uncommitted blocks not swept', err: String(error) }));
        tick(EVERY_MS);
      }, next);
      this.timer.unref();
    };
    tick(60_000);
  }

  /** One pass over the open stores, after any pass under way: how many blocks went. */
  sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - UNCOMMITTED_BLOCK_LIFETIME_MS);
    this.running = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.sweepStores(cutoff));
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async sweepStores(cutoff: Date): Promise<number> {
    let discarded = 0;
    for (const store of await this.stores.opened()) {
      for await (const key of blobsWithExpiredBlocks(store, cutoff)) {
        const account = await this.accounts.find(key.account);
        if (!account || account.incarnation !== key.incarnation || account.region !== store.region) continue;
        discarded += await discardExpiredBlocks(await this.placement.storeFor(account, 'primary'), key, cutoff);
      }
    }
    if (discarded > 0) this.logger.log({ msg: 'expired uncommitted blocks discarded', blocks: discarded });
    return discarded;
  }
}
