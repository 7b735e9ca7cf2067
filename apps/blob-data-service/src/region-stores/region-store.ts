import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from '@atrest/messaging';

/**
 * One region's blob store: its own database (data, layouts, wrapped data
 * keys, outbox) and the relay that publishes its change events. Issue 6 adds
 * more of these per account (zone copies, the secondary region).
 */
export class RegionStore {
  constructor(
    readonly region: string,
    readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Runs `work` in one transaction; change events it enqueued are relayed right after the commit. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.relay.nudge();
    return result;
  }

  /** A statement outside any transaction (same signature as EntityManager.query, so repositories take either). */
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.dataSource.query(sql, parameters);
  }

  async close(): Promise<void> {
    await this.relay.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
