import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { AccountServiceConfig } from '../../../config';
import type { GeoReplicationReport } from '../../../geo-replication/domain/geo-failover.commands';
import { GeoReplicationStatsView } from '../../../geo-replication/projections/geo-replication-stats.view';
import { sameName } from '../../../common/same-name';
import { resourceGroupNotFound } from '../../../resource-groups/domain/resource-group.errors';
import { ResourceGroupsView } from '../../../resource-groups/projections/resource-group.view';
import { storageAccountNotFound } from '../../domain/storage-account.errors';
import { StorageAccountsView, type StorageAccountRecord } from '../../projections/storage-account.view';
import { toArmStorageAccount } from '../../storage-account.arm';
import type { AccountAddress } from '../../storage-account.routes';

/** Before the replicator's first report (or with no replicator): nothing is known to be in the secondary. */
const NO_REPORT: GeoReplicationReport = { status: 'Unavailable', lastSyncTime: null, canFailover: false };

/** Reads accounts from the view for ARM: the addressed one, or the error ARM gives. */
@Injectable()
export class GetStorageAccountHandler {
  constructor(
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(ResourceGroupsView) private readonly groups: ResourceGroupsView,
    @Inject(SERVICE_CONFIG) private readonly config: AccountServiceConfig,
    @Inject(GeoReplicationStatsView) private readonly geoStats: GeoReplicationStatsView,
  ) {}

  async execute(address: AccountAddress, expandGeoReplicationStats = false) {
    const record = await this.addressed(address);
    const stats = expandGeoReplicationStats ? ((await this.geoStats.find(record.account.name)) ?? NO_REPORT) : undefined;
    return this.render(record, stats);
  }

  /** `record` (default: the view's) if it is the account at `address`; else ResourceGroupNotFound or ResourceNotFound. */
  async addressed(address: AccountAddress, record?: StorageAccountRecord): Promise<StorageAccountRecord> {
    const found = record ?? (await this.view.find(address.accountName));
    if (found && sameName(found.account.subscriptionId, address.subscriptionId) && sameName(found.account.resourceGroup, address.resourceGroup))
      return found;
    if (!(await this.groups.find(address.subscriptionId, address.resourceGroup))) throw resourceGroupNotFound(address.resourceGroup);
    throw storageAccountNotFound(address.accountName, address.resourceGroup);
  }

  render(record: StorageAccountRecord, geoReplicationStats?: GeoReplicationReport) {
    return toArmStorageAccount(record.account, {
      provisioningState: record.provisioningState,
      blobEndpointBase: this.config.BLOB_ENDPOINT_BASE,
      geoReplicationStats,
    });
  }
}
