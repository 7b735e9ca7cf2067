import { Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OutboxRelay } from '@atrest/messaging';
import type { ExtentFiles } from '../extents/extent-files';

/** What a store's code uses of its database: one Postgres database, or the zone copies of a ZRS account (zone-set.ts). */
export interface StoreDatabase {
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** What a transaction's work may leave for after its commit. */
export interface AfterCommit {
  /** Extent files whose rows this transaction deletes: removed once it has committed (never before: a rollback keeps them). */
  removeFiles(ids: readonly string[]): void;
}

/**
 * One region's blob store: its own database (data, layouts, wrapped data
 * keys, outbox), its extent files, and the relay that publishes its change
 * events. A ZRS account's store is the region's three zone copies (ZoneRedundantStore).
 */
export class RegionStore {
  private readonly logger = new Logger(RegionStore.name);

  constructor(
    readonly region: string,
    readonly dataSource: StoreDatabase,
    readonly files: ExtentFiles,
    private readonly relay?: OutboxRelay,
  ) {}

  /**
   * Runs `work` in one transaction; change events it enqueued are relayed
   * right after the commit (the relay hears of every commit on its
   * database), and extent files it let go of are removed (a removal that
   * fails leaves an orphan for the sweep, not a failed request).
   */
  async transaction<T>(work: (manager: EntityManager, after: AfterCommit) => Promise<T>): Promise<T> {
    const unreferenced: string[] = [];
    const after: AfterCommit = { removeFiles: (ids) => unreferenced.push(...ids) };
    const result = await this.dataSource.transaction((manager) => work(manager, after));
    if (unreferenced.length > 0)
      await this.files.remove(unreferenced).catch((error: unknown) => this.logger.warn({ msg: 'extent files left for the orphan sweep', region: this.region, err: String(error) }));
    return result;
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
