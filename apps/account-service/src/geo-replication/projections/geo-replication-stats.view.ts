import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GeoReplicationReport } from '../domain/geo-failover.commands';

/** The replicator's latest report for an account, as ARM's geoReplicationStats; undefined before its first. */
@Injectable()
export class GeoReplicationStatsView {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async find(accountName: string): Promise<GeoReplicationReport | undefined> {
    const [row] = await this.db.query<{ status: GeoReplicationReport['status']; last_sync_time: Date | null; can_failover: boolean }[]>(
      `SELECT status, last_sync_time, can_failover FROM geo_replication_stats WHERE account_name = $1`,
      [accountName.toLowerCase()],
    );
    return row && { status: row.status, lastSyncTime: row.last_sync_time?.toISOString() ?? null, canFailover: row.can_failover };
  }
}
