import { Global, Module } from '@nestjs/common';
import { BlobDataClient } from '../blob-data/blob-data.client';
import { ReplicationMetrics } from '../metrics/replication-metrics';
import { ReplicationHealth } from './replication-health';
import { ReplicationWorker } from './replication-worker';
import { StreamCopier } from './stream-copier';

/** The workers that copy queued streams through blob-data-service, and what they share with tracking and metrics. */
@Global()
@Module({
  providers: [BlobDataClient, ReplicationMetrics, ReplicationHealth, StreamCopier, ReplicationWorker],
  exports: [BlobDataClient, ReplicationMetrics, ReplicationHealth],
})
export class CopyingModule {}
