import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { ReplicatedAccount } from '../accounts/replicated-accounts.repository';
import { BlobDataClient, type SyncState } from '../blob-data/blob-data.client';
import type { ReplicatorServiceConfig } from '../config';
import { pendingStreams } from '../queue/replication-queue.repository';
import { loadCheckpoint } from '../sync/checkpoint.repository';
import { geoReplicationView, progressDue } from '../sync/domain/geo-replication-view';
import { ProgressPublisher } from '../sync/progress.publisher';
import { enqueueBehind } from '../sync/store-comparison';

/** Streams named in FailoverReplicaPrepared (the count is always complete). */
const NAMED = 100;

/**
 * The replicator's step of a failover (docs/adr/0007, "Failover"), one call
 * per tracking round until done: report Unavailable; wait until the data
 * plane has applied the request (it then refuses writes); let the workers
 * copy what the stores' comparison finds behind, for at most
 * FAILOVER_DRAIN_TIMEOUT_MS; then publish FailoverReplicaPrepared with what
 * the secondary still lacks, counted, never dropped silently.
 */
@Injectable()
export class FailoverPreparer {
  private readonly logger = new Logger(FailoverPreparer.name);
  /** When this process started each failover's drain (a restart starts it again). */
  private readonly started = new Map<string, number>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ReplicatorServiceConfig,
    @Inject(BlobDataClient) private readonly client: BlobDataClient,
    @Inject(ProgressPublisher) private readonly publisher: ProgressPublisher,
  ) {}

  async step(account: ReplicatedAccount): Promise<void> {
    const { operationId, requestedVersion } = account.failover!;
    const now = new Date();
    const checkpoint = await loadCheckpoint(this.db, account.name, account.incarnation);
    if (checkpoint.preparedFailoverId === operationId) return;
    const view = geoReplicationView({ lastSyncTime: checkpoint.lastSyncTime, failoverInProgress: true }, now, this.config.UNAVAILABLE_AFTER_MS);
    if (progressDue(checkpoint.reported, view, now, this.config.PROGRESS_INTERVAL_MS)) await this.publisher.progressed(account, view, 0, now);

    const startedAt = this.started.get(operationId) ?? now.getTime();
    this.started.set(operationId, startedAt);
    const outOfTime = now.getTime() - startedAt >= this.config.FAILOVER_DRAIN_TIMEOUT_MS;
    if (account.dataPlaneVersion < requestedVersion && !outOfTime) return; // writes may still be accepted: counting now could miss some

    let state: SyncState | undefined;
    try {
      state = await this.client.syncState(account.name, account.primaryRegion, account.secondaryRegion);
      await enqueueBehind(this.db, account, state);
    } catch (error) {
      this.logger.warn({ msg: 'stores not compared during failover', account: account.name, err: String(error) });
    }
    // Still catching up, or the primary may answer again: wait while the budget lasts.
    if (!outOfTime && (!state || state.behind.length > 0)) return;

    const unreplicated = state
      ? { count: state.behind.length, streamIds: state.behind.slice(0, NAMED).map((b) => b.streamId), countedFrom: 'stores' as const }
      : { ...(await pendingStreams(this.db, account.name, NAMED)), countedFrom: 'queue' as const };
    await this.publisher.failoverPrepared(
      account,
      {
        accountName: account.name,
        operationId,
        unreplicatedChanges: unreplicated.count,
        unreplicatedStreams: unreplicated.streamIds,
        countedFrom: unreplicated.countedFrom,
        lastSyncTime: checkpoint.lastSyncTime?.toISOString() ?? null,
        preparedAt: now.toISOString(),
      },
      checkpoint.lastSyncTime,
      now,
    );
    this.started.delete(operationId);
    this.logger.log({ msg: 'failover prepared', account: account.name, operationId, unreplicatedChanges: unreplicated.count, countedFrom: unreplicated.countedFrom });
  }
}
