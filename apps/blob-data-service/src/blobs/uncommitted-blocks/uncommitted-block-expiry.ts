import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../account-encryption/account-directory';
import { AccountPlacement } from '../../region-stores/account-placement';
import type { RegionStore } from '../../region-stores/region-store';
import { RegionStores } from '../../region-stores/region-stores';
import { StoreSweep } from '../../region-stores/store-sweep';
import { blobsWithExpiredBlocks, discardExpiredBlocks, UNCOMMITTED_BLOCK_LIFETIME_MS } from './expired-staged-blocks';

/**
 * Garbage-collects uncommitted blocks as Azure does: a blob's staged blocks
 * go a week after its last Put Block, with their extents. Every hour, and
 * once a minute after start (StoreSweep), each open region store is scanned; a blob's
 * blocks are discarded through its account's primary store as requests
 * reach it (for Standard_ZRS, all three zone copies in one go), so the
 * copies never differ. Blocks of an account the data plane no longer knows,
 * or found in a store that is not the account's, are left alone.
 */
@Injectable()
export class UncommittedBlockExpiry extends StoreSweep {
  constructor(
    @Inject(RegionStores) stores: RegionStores,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {
    super(stores);
  }

  protected async sweepStore(store: RegionStore, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - UNCOMMITTED_BLOCK_LIFETIME_MS);
    let discarded = 0;
    for await (const key of blobsWithExpiredBlocks(store, cutoff)) {
      const account = await this.accounts.find(key.account);
      if (!account || account.incarnation !== key.incarnation || account.region !== store.region) continue;
      discarded += await discardExpiredBlocks(await this.placement.storeFor(account, 'primary'), key, cutoff);
    }
    if (discarded > 0) this.logger.log({ msg: 'expired uncommitted blocks discarded', region: store.region, blocks: discarded });
    return discarded;
  }
}
