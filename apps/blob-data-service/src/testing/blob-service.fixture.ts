import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@atrest/contracts';
import { createServiceApp, loadConfig } from '@atrest/platform';
import { createTestContext, KafkaProbe, testDatabaseName, waitFor, type TestContext } from '@atrest/testing';
import { blobDataServiceApp } from '../service-app';
import { rawStoreOf, type RawStore } from './raw-storage';

// Shared by this service's integration specs and the multi-service specs
// under test/ (not part of the app): blob-data-service in-process on its own
// databases (main + region stores), extent-file folder and topic prefix, fed account events
// through Kafka, called over HTTP as the gateway forwards (data-plane protocol).

export const REGION = 'eastus';

export interface AccountRef {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
}

export interface BlobReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly text: string;
  /** x-ms-error-code, for refusals. */
  readonly code: string | null;
}

export interface BlobCall {
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** x-atrest-location (default primary). */
  readonly location?: 'primary' | 'secondary';
}

export interface BlobServiceUnderTest {
  readonly ctx: TestContext;
  readonly app: INestApplication;
  readonly base: string;
  /** The service's main database. */
  readonly db: DataSource;
  /** A connection to a region store's database (raw rows). */
  regionDb(region?: string): Promise<DataSource>;
  /** A region store's raw storage, rows and extent files (scans, tampering: raw-storage.ts). */
  rawStore(region?: string): Promise<RawStore>;
  /** EXTENT_DATA_DIR: a temporary folder of its own, removed by close(). */
  readonly extentDataDir: string;
  /** Publishes an account event on atrest.accounts as account-service would (the stream's next version). */
  publishAccountEvent(accountName: string, type: string, data?: Record<string, unknown>): Promise<void>;
  /** StorageAccountCreated (and EncryptionEnabled when `encrypted`), then waits until the data plane has applied it. */
  createAccount(accountName: string, options?: { sku?: string; location?: string; encrypted?: boolean }): Promise<void>;
  /** EncryptionEnabled / EncryptionDisabled, then waits until the data plane has applied it. */
  setEncryption(accountName: string, enabled: boolean): Promise<void>;
  /** A request at /blob/{path} as the gateway forwards it. */
  call(method: string, path: string, call?: BlobCall): Promise<BlobReply>;
  close(): Promise<void>;
}

/**
 * A key service that refuses every connection (the discard port): what specs
 * without key-management-service pass, so an encrypting account's writes
 * answer 503 ServerBusy and nothing is stored in the clear.
 */
export const NO_KEY_SERVICE = { KMS_URL: 'http://127.0.0.1:9', KMS_CLIENT_SECRET: 'no-key-service-behind-this-url-000000' } as const;

export interface BlobServiceOptions {
  readonly ctx?: TestContext;
  /** Settings over the spec defaults (KMS_URL + KMS_CLIENT_SECRET default to NO_KEY_SERVICE). */
  readonly settings?: Record<string, string>;
  /** Subscription and group of the accounts it publishes (the key service's ARM paths use them). */
  readonly accountRef?: AccountRef;
}

export const startBlobService = async (label: string, options: BlobServiceOptions = {}): Promise<BlobServiceUnderTest> => {
  const ctx = options.ctx ?? (await createTestContext(label));
  const ref = options.accountRef ?? { subscriptionId: 'sub-blobs', resourceGroup: 'rg-blobs' };
  const regionSuffix = (region: string) => `blobs_region_${region}`;
  // Created through the context so that dispose drops it; the service would create it too.
  await ctx.databaseUrlFor(regionSuffix(REGION));
  // A string replacement: URL would percent-encode the braces of {region}.
  const template = (await ctx.databaseUrlFor('blobs')).replace(/\/[^/]*$/, `/${testDatabaseName(ctx.id, regionSuffix('{region}'))}`);
  const extentDataDir = options.settings?.EXTENT_DATA_DIR ?? (await mkdtemp(join(tmpdir(), `atrest-extents-${ctx.id}-`)));
  const config = loadConfig(blobDataServiceApp.configSchema, {
    ...NO_KEY_SERVICE,
    DATABASE_URL: await ctx.databaseUrlFor('blobs'),
    REGION_DATABASE_URL_TEMPLATE: template,
    EXTENT_DATA_DIR: extentDataDir,
    KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '1',
    LOG_LEVEL: 'silent',
    ...options.settings,
  });
  const app = await createServiceApp({ ...blobDataServiceApp, config });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const db = app.get(DataSource);
  const probe = new KafkaProbe(ctx.kafkaBrokers);
  const versions = new Map<string, number>();
  const regionDbs = new Map<string, DataSource>();

  const publishAccountEvent = async (accountName: string, type: string, data: Record<string, unknown> = {}) => {
    const streamId = `StorageAccount-${accountName}`;
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const at = new Date().toISOString();
    const envelope = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      streamId,
      streamVersion,
      occurredAt: at,
      data: { ...ref, accountName, ...data },
      metadata: { correlationId: randomUUID() },
    };
    await probe.produce(`${ctx.topicPrefix}${Topics.accounts}`, [{ key: streamId, value: JSON.stringify(envelope) }]);
  };
  const applied = (accountName: string) =>
    waitFor(
      async () => {
        const [row] = await db.query(`SELECT account_stream_version AS v FROM account_encryption_state WHERE account_name = $1`, [accountName]);
        return row?.v === versions.get(`StorageAccount-${accountName}`);
      },
      { what: `the data plane to apply ${accountName}'s latest event`, timeoutMs: 30_000, intervalMs: 50 },
    );
  const setEncryption = async (accountName: string, enabled: boolean) => {
    const at = new Date().toISOString();
    await publishAccountEvent(
      accountName,
      enabled ? 'EncryptionEnabled' : 'EncryptionDisabled',
      enabled ? { services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: at } : { services: ['blob'], disabledAt: at },
    );
    await applied(accountName);
  };

  const regionDb = async (region = REGION) => {
    let regionDb = regionDbs.get(region);
    if (!regionDb) {
      regionDb = await ctx.openDatabase([], regionSuffix(region));
      regionDbs.set(region, regionDb);
    }
    return regionDb;
  };

  return {
    ctx,
    app,
    base,
    db,
    extentDataDir,
    publishAccountEvent,
    setEncryption,
    async createAccount(accountName, { sku = 'Standard_LRS', location = REGION, encrypted = false } = {}) {
      await publishAccountEvent(accountName, 'StorageAccountCreated', {
        location,
        sku,
        kind: 'StorageV2',
        deploymentModel: 'ResourceManager',
        createdAt: new Date().toISOString(),
      });
      await applied(accountName);
      if (encrypted) await setEncryption(accountName, true);
    },
    regionDb,
    async rawStore(region = REGION) {
      return rawStoreOf(await regionDb(region), extentDataDir);
    },
    async call(method, path, call = {}) {
      const response = await fetch(`${base}/blob/${path}`, {
        method,
        headers: {
          'x-ms-request-id': randomUUID(),
          'x-ms-version': '2021-12-02',
          'x-atrest-account': path.split('/')[0].split('?')[0],
          'x-atrest-location': call.location ?? 'primary',
          ...call.headers,
        },
        body: call.body,
        signal: AbortSignal.timeout(30_000),
      });
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body, text: body.toString('utf8'), code: response.headers.get('x-ms-error-code') };
    },
    async close() {
      await app.close();
      if (!options.settings?.EXTENT_DATA_DIR) await rm(extentDataDir, { recursive: true, force: true });
      if (!options.ctx) await ctx.dispose();
    },
  };
};
