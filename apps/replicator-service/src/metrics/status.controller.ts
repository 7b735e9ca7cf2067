import { Controller, Get, Header, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { backlogs } from '../queue/replication-queue.repository';
import { ReplicationMetrics } from './replication-metrics';

/**
 * GET /internal/status: the replicator's state as JSON, for operators and
 * the benchmark: per account the last sync time, reported status and
 * backlog; this process's counters and lag percentiles.
 */
@Controller('internal/status')
export class StatusController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReplicationMetrics) private readonly metrics: ReplicationMetrics,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async status() {
    const now = Date.now();
    const pending = new Map((await backlogs(this.db)).map((b) => [b.account, b]));
    const checkpoints = await this.db.query<{ account_name: string; last_sync_time: Date | null; reported_status: string | null }[]>(
      `SELECT c.account_name, c.last_sync_time, c.reported_status FROM replication_checkpoints c
         JOIN replicated_accounts a USING (account_name) WHERE NOT a.deleted AND a.secondary_region IS NOT NULL ORDER BY c.account_name`,
    );
    const m = this.metrics;
    return {
      accounts: checkpoints.map((c) => {
        const backlog = pending.get(c.account_name);
        return {
          account: c.account_name,
          status: c.reported_status,
          lastSyncTime: c.last_sync_time?.toISOString() ?? null,
          pendingChanges: backlog?.pending ?? 0,
          lagSeconds: backlog?.oldestPendingSince ? (now - backlog.oldestPendingSince.getTime()) / 1000 : 0,
        };
      }),
      extentsCopied: m.extentsCopied,
      bytesCopied: m.bytesCopied,
      applies: m.applies,
      failures: m.failures,
      applyLagSeconds: m.lagPercentiles() ?? null,
    };
  }
}
