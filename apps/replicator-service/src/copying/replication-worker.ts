import { setTimeout as sleep } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { ReplicatorServiceConfig } from '../config';
import { ReplicationMetrics } from '../metrics/replication-metrics';
import { parseStreamId } from '../changes/stream-ref';
import { claimDueStream, forgetAppliedBlobs, markApplied, markFailed, type ClaimedStream } from '../queue/replication-queue.repository';
import { ReplicationHealth } from './replication-health';
import { retryDelayMs } from './retry-delay';
import { StreamCopier } from './stream-copier';

/**
 * How long a worker that found nothing due waits before looking again (part
 * of the lag of a change arriving on an idle queue): 100 ms, doubling while
 * it keeps finding nothing, up to 1.6 s. Polling every 100 ms for ever cost
 * the idle service about 5% of a core; a busy queue keeps it at 100 ms.
 */
const IDLE_POLL_MS = 100;
const MAX_IDLE_POLL_MS = 1600;

/**
 * REPLICATION_WORKERS loops, each taking the due stream that has waited
 * longest (any instance may run them: claims are leased rows), copying it,
 * and recording the version the secondary now holds. A failure is retried
 * with backoff, never dropped.
 */
@Injectable()
export class ReplicationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReplicationWorker.name);
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  /** Cuts idle waits short at shutdown. */
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ReplicatorServiceConfig,
    @Inject(StreamCopier) private readonly copier: StreamCopier,
    @Inject(ReplicationMetrics) private readonly metrics: ReplicationMetrics,
    @Inject(ReplicationHealth) private readonly health: ReplicationHealth,
  ) {}

  onApplicationBootstrap(): void {
    for (let i = 0; i < this.config.REPLICATION_WORKERS; i++) this.loops.push(this.run());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.shutdown.abort();
    await Promise.all(this.loops.splice(0));
  }

  private async run(): Promise<void> {
    let idleMs = IDLE_POLL_MS;
    while (!this.stopping) {
      let claimed: ClaimedStream | undefined;
      try {
        claimed = await claimDueStream(this.db, this.config.REPLICATION_LEASE_MS);
      } catch (error) {
        this.logger.warn({ msg: 'replication queue unavailable', err: error });
      }
      if (claimed) {
        idleMs = IDLE_POLL_MS;
        await this.process(claimed);
      } else {
        await sleep(idleMs, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
        idleMs = Math.min(idleMs * 2, MAX_IDLE_POLL_MS);
      }
    }
  }

  private async process(stream: ClaimedStream): Promise<void> {
    try {
      const applied = await this.copier.copy(stream, stream.streamId);
      for (const { streamId, version, changed } of applied) {
        await markApplied(this.db, streamId, version);
        const container = parseStreamId(streamId);
        if (changed && container && container.blob === undefined) await forgetAppliedBlobs(this.db, container.account, container.container);
      }
      this.health.succeeded(stream.account);
      if (applied[0].version >= stream.targetVersion && stream.pendingSince) this.metrics.recordLag((Date.now() - stream.pendingSince.getTime()) / 1000);
    } catch (error) {
      this.metrics.recordFailure();
      this.health.failed(stream.account, new Date());
      this.logger.warn({ msg: 'stream not copied; will retry', stream: stream.streamId, attempt: stream.attempts + 1, err: String(error) });
      await markFailed(this.db, stream.streamId, retryDelayMs(stream.attempts + 1), String(error)).catch(() => undefined);
    }
  }
}
