import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@atrest/platform';
import { geoRedundantAccounts, type ReplicatedAccount } from '../accounts/replicated-accounts.repository';
import { BlobDataClient } from '../blob-data/blob-data.client';
import type { ReplicatorServiceConfig } from '../config';
import { ReplicationHealth } from '../copying/replication-health';
import { FailoverPreparer } from '../failover/failover-preparer';
import { backlogs, streamsShortOf } from '../queue/replication-queue.repository';
import { advanceLastSyncTime, loadCheckpoint } from './checkpoint.repository';
import { geoReplicationView, progressDue, type SyncPoint } from './domain/geo-replication-view';
import { ProgressPublisher } from './progress.publisher';
import { enqueueBehind } from './store-comparison';

/**
 * The last sync time of every geo-redundant account (docs/adr/0007): every
 * SYNC_PROBE_INTERVAL_MS, an account without an open sync point has its
 * stores compared; what is behind is queued and must be applied before the
 * comparison's time becomes the last sync time. Reports progress on
 * atrest.replication; accounts being failed over go to the FailoverPreparer.
 */
@Injectable()
export class SyncTracker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SyncTracker.name);
  private readonly points = new Map<string, SyncPoint>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ReplicatorServiceConfig,
    @Inject(BlobDataClient) private readonly client: BlobDataClient,
    @Inject(ReplicationHealth) private readonly health: ReplicationHealth,
    @Inject(ProgressPublisher) private readonly publisher: ProgressPublisher,
    @Inject(FailoverPreparer) private readonly failover: FailoverPreparer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.config.SYNC_PROBE_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      const accounts = await geoRedundantAccounts(this.db);
      const pending = new Map((await backlogs(this.db)).map((b) => [b.account, b.pending]));
      for (const account of accounts) {
        if (account.failover) await this.failover.step(account);
        else await this.track(account, pending.get(account.name) ?? 0);
      }
    } catch (error) {
      this.logger.warn({ msg: 'sync tracking round failed', err: String(error) });
    }
  }

  private async track(account: ReplicatedAccount, pendingChanges: number): Promise<void> {
    const now = new Date();
    const checkpoint = await loadCheckpoint(this.db, account.name, account.incarnation);
    let lastSyncTime = checkpoint.lastSyncTime;
    const point = this.points.get(account.name);
    const open = point?.incarnation === account.incarnation ? point : undefined;
    if (open && (await streamsShortOf(this.db, open.requirements)).length === 0) {
      lastSyncTime = await advanceLastSyncTime(this.db, account.name, account.incarnation, open.at);
      this.points.delete(account.name);
    }
    if (!open || !this.points.has(account.name)) lastSyncTime = (await this.compare(account)) ?? lastSyncTime;

    const view = geoReplicationView({ lastSyncTime, failingSince: this.health.since(account.name), failoverInProgress: false }, now, this.config.UNAVAILABLE_AFTER_MS);
    if (progressDue(checkpoint.reported, view, now, this.config.PROGRESS_INTERVAL_MS)) await this.publisher.progressed(account, view, pendingChanges, now);
  }

  /** Compares the stores; the new last sync time if nothing is behind, else opens a sync point. */
  private async compare(account: ReplicatedAccount): Promise<Date | undefined> {
    try {
      const state = await this.client.syncState(account.name, account.primaryRegion, account.secondaryRegion);
      await enqueueBehind(this.db, account, state);
      this.health.succeeded(account.name);
      const at = new Date(state.checkedAt);
      if (state.behind.length === 0) return advanceLastSyncTime(this.db, account.name, account.incarnation, at);
      if (!state.truncated)
        this.points.set(account.name, { incarnation: account.incarnation, at, requirements: new Map(state.behind.map((b) => [b.streamId, b.primaryVersion])) });
    } catch (error) {
      this.health.failed(account.name, new Date());
      this.logger.warn({ msg: 'stores not compared', account: account.name, err: String(error) });
    }
    return undefined;
  }
}
