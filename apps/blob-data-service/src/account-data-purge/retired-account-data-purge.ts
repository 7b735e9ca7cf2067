import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../account-encryption/account-directory';
import type { RegionStore } from '../region-stores/region-store';
import { RegionStores } from '../region-stores/region-stores';
import { StoreSweep } from '../region-stores/store-sweep';
import { containersOf, incarnationsIn, purgeContainer, type StoredIncarnation } from './account-data.repository';
import { isDisplaced } from './displaced-data';

/**
 * Deleting a storage account deletes its data. The account's requests stop
 * the moment the data plane learns of the delete (or of the name created
 * anew: a new incarnation, docs/adr/0006); its rows and extent files then go
 * here, from every store this process has open (a geo-redundant account's
 * secondary copy and each zone copy included), one container per
 * transaction. Encrypted data was unreadable already once its key ring was
 * deleted (ADR 0005); unencrypted data would otherwise stay on disk for ever.
 * The same goes for what a geo-failover left in the old primary's store
 * (isDisplaced), which nothing serves any more.
 * Rows of an account the data plane does not know (yet) are left alone.
 */
@Injectable()
export class RetiredAccountDataPurge extends StoreSweep {
  constructor(
    @Inject(RegionStores) stores: RegionStores,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {
    super(stores);
  }

  /** How many containers went. */
  protected async sweepStore(store: RegionStore): Promise<number> {
    let purged = 0;
    for (const stored of await incarnationsIn(store)) {
      const why = await this.purgeReason(stored, store.region);
      if (!why) continue;
      for (const container of await containersOf(store, stored)) if (await purgeContainer(store, { ...stored, container })) purged++;
      this.logger.log({ msg: `data of ${why} purged`, region: store.region, account: stored.account, incarnation: stored.incarnation });
    }
    return purged;
  }

  /** Why the incarnation's rows in this store go, if they do: one lookup of the account (cached) for a live one. */
  private async purgeReason(stored: StoredIncarnation, region: string): Promise<string | undefined> {
    const account = await this.accounts.find(stored.account);
    if (!account) return (await this.accounts.isDeleted(stored.account)) ? 'a deleted account' : undefined;
    if (account.incarnation > stored.incarnation) return 'an account incarnation replaced by a new one';
    return isDisplaced(account, stored.incarnation, region) ? 'an account that failed over to another region' : undefined;
  }
}
