import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { RegionStore } from './region-store';
import type { RegionStores } from './region-stores';

const FIRST_AFTER_MS = 60_000;
const EVERY_MS = 60 * 60 * 1000;

/**
 * Housekeeping over the region stores this process has open: a pass a
 * minute after start, then every hour (or `everyMs`); passes never overlap (one asked for
 * while another runs starts after it), a failed pass is logged and the next
 * comes on time, and shutdown waits for the pass under way. The timer never
 * keeps the process alive.
 */
export abstract class StoreSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  /** The last pass: the next one starts after it. */
  private running?: Promise<number>;

  protected constructor(
    private readonly stores: RegionStores,
    private readonly everyMs = EVERY_MS,
  ) {}

  /** One store's part of a pass: how many things went. */
  protected abstract sweepStore(store: RegionStore, now: Date): Promise<number>;

  onApplicationBootstrap(): void {
    const tick = (next: number) => {
      this.timer = setTimeout(() => {
        void this.sweep().catch((error: unknown) => this.logger.warn({ msg: 'sweep failed', err: String(error) }));
        tick(this.everyMs);
      }, next);
      this.timer.unref();
    };
    tick(FIRST_AFTER_MS);
  }

  /** One pass over the open stores, after any pass under way: how many things went. */
  sweep(now = new Date()): Promise<number> {
    this.running = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.pass(now));
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    let swept = 0;
    for (const store of await this.stores.opened()) swept += await this.sweepStore(store, now);
    return swept;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
