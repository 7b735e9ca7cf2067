import { Injectable } from '@nestjs/common';

/** Upper bounds (seconds) of the end-to-end lag histogram. */
export const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] as const;
/** Lag samples kept for percentiles (the most recent). */
const SAMPLES = 10_000;

/**
 * This process's replication counters (reset on restart, as Prometheus
 * counters are): extents and bytes copied, snapshots applied, failures, and
 * the lag of each applied change from its commit in the primary to its
 * apply in the secondary.
 */
@Injectable()
export class ReplicationMetrics {
  extentsCopied = 0;
  bytesCopied = 0;
  applies = 0;
  failures = 0;
  /** Cumulative, as Prometheus buckets are: samples at or under each bound. */
  readonly lagBuckets: number[] = LAG_BUCKETS.map(() => 0);
  lagCount = 0;
  lagSum = 0;
  private readonly samples: number[] = [];
  private next = 0;

  recordExtentCopied(bytes: number): void {
    this.extentsCopied++;
    this.bytesCopied += bytes;
  }

  recordApplied(): void {
    this.applies++;
  }

  /** A stream caught up: its oldest change waited `lagSeconds` between its commit in the primary and its apply in the secondary. */
  recordLag(lagSeconds: number): void {
    LAG_BUCKETS.forEach((bound, i) => {
      if (lagSeconds <= bound) this.lagBuckets[i]++;
    });
    this.lagCount++;
    this.lagSum += lagSeconds;
    if (this.samples.length < SAMPLES) this.samples.push(lagSeconds);
    else this.samples[this.next++ % SAMPLES] = lagSeconds;
  }

  recordFailure(): void {
    this.failures++;
  }

  /** p50 and p99 of the recent lag samples (seconds), nearest rank; undefined without samples. */
  lagPercentiles(): { p50: number; p99: number; samples: number } | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    return { p50: rank(50), p99: rank(99), samples: sorted.length };
  }
}
