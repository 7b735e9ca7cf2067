import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { DomainError, storageAccountName } from '@atrest/contracts';
import { RegionStores } from '../../../region-stores/region-stores';
import { streamsBehind, type StreamLag } from '../../domain/apply-decision';
import { storeOfRegion } from '../../http/replication-address';
import { accountStreamVersions } from '../../store/stream-versions.repository';

/** More than this many streams behind: the answer lists these and says it is truncated (no sync point can be made from it). */
const MAX_LISTED = 10_000;

export interface SyncState {
  /** Every change acknowledged before this moment is among the primary's `streams` versions. */
  readonly checkedAt: string;
  readonly streams: number;
  readonly behind: readonly StreamLag[];
  readonly truncated: boolean;
}

/**
 * GET /internal/replication/accounts/{account}/sync-state?primary={region}&secondary={region}:
 * the account's streams whose secondary version is behind the primary's as
 * of `checkedAt` (docs/adr/0007, "Last sync time"). The primary is read
 * first, so a change the secondary received meanwhile is never reported as missing.
 */
@Controller('internal/replication/accounts/:account/sync-state')
export class GetSyncStateController {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  @Get()
  async get(@Param('account') account: string, @Query('primary') primary: string, @Query('secondary') secondary: string): Promise<SyncState> {
    if (!storageAccountName.safeParse(account).success) throw new DomainError('InvalidUri', 'Not an account name.');
    const [primaryStore, secondaryStore] = await Promise.all([storeOfRegion(this.stores, String(primary)), storeOfRegion(this.stores, String(secondary))]);
    const before = await accountStreamVersions(primaryStore, account);
    const after = await accountStreamVersions(secondaryStore, account);
    const behind = streamsBehind(before.versions, after.versions);
    return { checkedAt: before.at.toISOString(), streams: before.versions.size, behind: behind.slice(0, MAX_LISTED), truncated: behind.length > MAX_LISTED };
  }
}
