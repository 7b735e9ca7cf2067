import { DataSource, type EntityManager } from 'typeorm';
import type { OutboxRelay } from '@atrest/messaging';

/** What a store's code uses of its database: one Postgres database, or the zone copies of a ZRS account (zone-set.ts). */
export interface StoreDatabase {
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * One region's blob store: its own database (data, layouts, wrapped data
 * keys, outbox) and the relay that publishes its change events. A ZRS
 * account's store is the region's three zone copies (ZoneRedundantStore).
 */
export class RegionStore {
  constructor(
    readonly region: string,
    readonly dataSource: StoreDatabase,
    private readonly relay?: OutboxRelay,
  ) {}

  /** Runs `work` in one transaction; change events it enqueued are relayed right after the commit. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.nudge();
    return result;
  }

  /** Tells the relay that change events may be waiting. */
  nudge(): void {
    this.relay?.nudge();
  }

  /** A statement outside any transaction (same signature as EntityManager.query, so repositories take either). */
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.dataSource.query<T>(sql, parameters);
  }

  async close(): Promise<void> {
    await this.relay?.stop();
    if (this.dataSource instanceof DataSource && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
