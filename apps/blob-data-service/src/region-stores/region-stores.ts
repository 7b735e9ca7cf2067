import { access, constants, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, isGeoRedundantSku, pairedRegion } from '@atrest/contracts';
import { eventStoreMigrations } from '@atrest/event-store';
import { KafkaConnection, nestMessagingLogger, OutboxRelay } from '@atrest/messaging';
import { ensureDatabase, postgresDataSourceOptions, SERVICE_CONFIG } from '@atrest/platform';
import type { BlobDataServiceConfig } from '../config';
import { ExtentDirectory } from '../extents/extent-directory';
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from '../extents/orphan-sweep';
import { CreateRegionStore1764700000000 } from './migrations/1764700000000-create-region-store';
import { PageAndCopyProperties1764800000000 } from './migrations/1764800000000-page-and-copy-properties';
import { ReplicationSupport1764900000000 } from './migrations/1764900000000-replication-support';
import { ExtentFiles1765100000000 } from './migrations/1765100000000-extent-files';
import { ContainerGeneration1765400000000 } from './migrations/1765400000000-container-generation';
import { Leases1765400000200 } from './migrations/1765400000200-leases';
import { ContainerAccessPolicies1765400000300 } from './migrations/1765400000300-container-access-policies';
import { BlobAccessTier1765400000500 } from './migrations/1765400000500-blob-access-tier';
import { ContainerEncryptionScope1765400000600 } from './migrations/1765400000600-container-encryption-scope';
import { RetiredExtents1765400000700 } from './migrations/1765400000700-retired-extents';
import { databaseNameOf, regionDatabaseUrl, regionTemplateOf } from './region-database-url';
import { RegionStore } from './region-store';
import { ZoneRedundantStore, zoneStoreNames } from './zone-redundant-store';

export const regionStoreMigrations = [...eventStoreMigrations, CreateRegionStore1764700000000, PageAndCopyProperties1764800000000, ReplicationSupport1764900000000, ExtentFiles1765100000000, ContainerGeneration1765400000000, Leases1765400000200, ContainerAccessPolicies1765400000300, BlobAccessTier1765400000500, ContainerEncryptionScope1765400000600, RetiredExtents1765400000700];

/**
 * Every region store this process uses, keyed by region name, each opened
 * (database created and migrated, relay started) on first use. At start it
 * opens the stores that hold accounts, deleted ones included (primaries,
 * geo-redundant secondary copies, failed-over accounts' old primaries), so their
 * relays drain what a crash left and the purge finds what deleted accounts
 * left there (RetiredAccountDataPurge), and each store's opening sweeps its
 * orphaned extent files.
 */
@Injectable()
export class RegionStores implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RegionStores.name);
  private readonly stores = new Map<string, Promise<RegionStore>>();
  private readonly zoneSets = new Map<string, Promise<RegionStore>>();
  private readonly template: string;
  private readonly extentDataDir: string;

  constructor(
    @Inject(SERVICE_CONFIG) config: BlobDataServiceConfig,
    @Inject(DataSource) private readonly main: DataSource,
    @Inject(KafkaConnection) private readonly kafka: KafkaConnection,
  ) {
    this.template = regionTemplateOf(config);
    this.extentDataDir = resolve(config.EXTENT_DATA_DIR);
  }

  /** The store of `region`; 503 ServerBusy while its database cannot be opened. */
  store(region: string): Promise<RegionStore> {
    let store = this.stores.get(region);
    if (!store) {
      store = this.open(region);
      this.stores.set(region, store);
      // A failed open is retried by the next request, not remembered.
      store.catch(() => this.stores.delete(region));
    }
    return store.catch((error) => {
      this.logger.error({ msg: 'region store unavailable', region, err: error });
      throw new DomainError('ServerBusy', `The storage of region ${region} is not available. Please retry.`);
    });
  }

  /** The store of the Standard_ZRS accounts of `region`: its three zone copies (docs/adr/0007). */
  zoneRedundant(region: string): Promise<RegionStore> {
    let set = this.zoneSets.get(region);
    if (!set) {
      set = Promise.all(zoneStoreNames(region).map((zone) => this.store(zone))).then((zones) => new ZoneRedundantStore(region, zones));
      this.zoneSets.set(region, set);
      set.catch(() => this.zoneSets.delete(region));
    }
    return set;
  }

  /** The stores opened so far (readiness). */
  async opened(): Promise<RegionStore[]> {
    const settled = await Promise.allSettled(this.stores.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  async onApplicationBootstrap(): Promise<void> {
    // A folder the service cannot write stops it at start, not at the first upload.
    await mkdir(this.extentDataDir, { recursive: true });
    await access(this.extentDataDir, constants.W_OK).catch(() => {
      throw new Error(`EXTENT_DATA_DIR ${this.extentDataDir} is not writable by this process`);
    });
    const rows: Array<{ region: string; sku: string; failed_over_from: string | null }> = await this.main.query(
      `SELECT DISTINCT region, sku, failed_over_from FROM account_encryption_state WHERE region IS NOT NULL`,
    );
    // Besides the primaries: secondary copies of geo-redundant accounts, and the old primaries of failed-over ones.
    const others = new Set(rows.flatMap((r) => [isGeoRedundantSku(r.sku) ? pairedRegion(r.region)?.name : undefined, r.failed_over_from ?? undefined]));
    others.delete(undefined);
    const openings = [...rows.map((r) => (r.sku === 'Standard_ZRS' ? this.zoneRedundant(r.region) : this.store(r.region))), ...[...others].map((region) => this.store(region!))];
    await Promise.all(openings.map((opening) => opening.catch(() => undefined)));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const stores = await this.opened();
    this.stores.clear();
    this.zoneSets.clear();
    await Promise.all(stores.map((s) => s.close()));
  }

  private async open(region: string): Promise<RegionStore> {
    const url = regionDatabaseUrl(this.template, region);
    await ensureDatabase(url);
    const dataSource = new DataSource(postgresDataSourceOptions({ url, migrations: regionStoreMigrations }));
    await dataSource.initialize();
    const files = new ExtentDirectory(join(this.extentDataDir, databaseNameOf(url)!));
    await files.prepare().catch(async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    });
    void sweepOrphanFiles(dataSource, files, Date.now() - ORPHAN_MIN_AGE_MS).then(
      (removed) => removed > 0 && this.logger.log({ msg: 'orphaned extent files removed', region, removed }),
      (error: unknown) => this.logger.warn({ msg: 'orphaned extent files not swept', region, err: String(error) }),
    );
    const relay = new OutboxRelay(dataSource, this.kafka, nestMessagingLogger(`outbox-relay:${region}`));
    relay.start();
    this.logger.log({ msg: 'region store open', region });
    return new RegionStore(region, dataSource, files, relay);
  }
}
