import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type ReplicationEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type Progressed = Extract<ReplicationEvent, { type: 'GeoReplicationProgressed' }>['data'];

/** geo_replication_stats: the latest GeoReplicationProgressed per account, only ever moving forward (not by calling the replicator). */
@Injectable()
export class GeoReplicationStatsProjection implements EventSubscriber {
  readonly groupId = 'account-service.geo-replication-stats';
  readonly topics = [Topics.replication];
  readonly handlers = {
    GeoReplicationProgressed: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const report = event.data as Progressed;
      await manager.query(
        `INSERT INTO geo_replication_stats (account_name, incarnation, status, last_sync_time, can_failover, stream_version, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (account_name) DO UPDATE SET incarnation = EXCLUDED.incarnation, status = EXCLUDED.status, last_sync_time = EXCLUDED.last_sync_time,
           can_failover = EXCLUDED.can_failover, stream_version = EXCLUDED.stream_version, reported_at = EXCLUDED.reported_at
         WHERE geo_replication_stats.stream_version < EXCLUDED.stream_version`,
        [report.accountName, report.incarnation, report.status, report.lastSyncTime, report.canFailover, event.streamVersion, report.reportedAt],
      );
    },
  };
}
