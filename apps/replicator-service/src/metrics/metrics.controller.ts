import { Controller, Get, Header, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { backlogs } from '../queue/replication-queue.repository';
import { LAG_BUCKETS, ReplicationMetrics } from './replication-metrics';

const line = (name: string, value: number, labels: Record<string, string> = {}) => {
  const rendered = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, (c) => `\\${c === '\n' ? 'n' : c}`)}"`);
  return `${name}${rendered.length ? `{${rendered.join(',')}}` : ''} ${value}`;
};

/**
 * GET /metrics (Prometheus text format): per account the replication lag in
 * streams and in seconds (oldest change not yet in the secondary) and the
 * last sync time; this process's extents and bytes copied, snapshots
 * applied, failures, and the end-to-end lag histogram.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReplicationMetrics) private readonly metrics: ReplicationMetrics,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async render(): Promise<string> {
    const now = Date.now();
    const pending = await backlogs(this.db);
    const synced = await this.db.query<{ account_name: string; last_sync_time: Date }[]>(
      `SELECT account_name, last_sync_time FROM replication_checkpoints WHERE last_sync_time IS NOT NULL ORDER BY account_name`,
    );
    const m = this.metrics;
    return [
      '# HELP atrest_replication_lag_events Blob and container streams changed in the primary and not yet applied in the secondary.',
      '# TYPE atrest_replication_lag_events gauge',
      ...pending.map((b) => line('atrest_replication_lag_events', b.pending, { account: b.account })),
      '# HELP atrest_replication_lag_seconds Age of the oldest change not yet applied in the secondary.',
      '# TYPE atrest_replication_lag_seconds gauge',
      ...pending.map((b) => line('atrest_replication_lag_seconds', b.oldestPendingSince ? Math.max(0, (now - b.oldestPendingSince.getTime()) / 1000) : 0, { account: b.account })),
      '# HELP atrest_replication_last_sync_time_seconds Every write acknowledged before this time (Unix seconds) is in the secondary.',
      '# TYPE atrest_replication_last_sync_time_seconds gauge',
      ...synced.map((r) => line('atrest_replication_last_sync_time_seconds', r.last_sync_time.getTime() / 1000, { account: r.account_name })),
      '# TYPE atrest_replication_extents_copied_total counter',
      line('atrest_replication_extents_copied_total', m.extentsCopied),
      '# TYPE atrest_replication_bytes_copied_total counter',
      line('atrest_replication_bytes_copied_total', m.bytesCopied),
      '# TYPE atrest_replication_applies_total counter',
      line('atrest_replication_applies_total', m.applies),
      '# TYPE atrest_replication_failures_total counter',
      line('atrest_replication_failures_total', m.failures),
      '# HELP atrest_replication_apply_lag_seconds From a change committed in the primary to the secondary holding it.',
      '# TYPE atrest_replication_apply_lag_seconds histogram',
      ...LAG_BUCKETS.map((bound, i) => line('atrest_replication_apply_lag_seconds_bucket', m.lagBuckets[i], { le: String(bound) })),
      line('atrest_replication_apply_lag_seconds_bucket', m.lagCount, { le: '+Inf' }),
      line('atrest_replication_apply_lag_seconds_sum', m.lagSum),
      line('atrest_replication_apply_lag_seconds_count', m.lagCount),
      '',
    ].join('\n');
  }
}
