import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type ReplicationEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type Progressed = Extract<ReplicationEvent, { type: 'GeoReplicationProgressed' }>['data'];

/** geo_replication_status: the latest GeoReplicationProgressed per account, only ever moving forward. */
@Injectable()
export class GeoReplicationStatusProjection implements EventSubscriber {
  readonly groupId = 'blob-data-service.geo-replication-status';
  readonly topics = [Topics.replication];
  readonly handlers = {
    GeoReplicationProgressed: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const report = event.data as Progressed;
      await manager.query(
        `INSERT INTO geo_replication_status (account_name, incarnation, status, last_sync_time, stream_version, reported_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_name) DO UPDATE SET incarnation = EXCLUDED.incarnation, status = EXCLUDED.status, last_sync_time = EXCLUDED.last_sync_time,
           stream_version = EXCLUDED.stream_version, reported_at = EXCLUDED.reported_at
         WHERE geo_replication_status.stream_version < EXCLUDED.stream_version`,
        [report.accountName, report.incarnation, report.status, report.lastSyncTime, event.streamVersion, report.reportedAt],
      );
    },
  };
}
