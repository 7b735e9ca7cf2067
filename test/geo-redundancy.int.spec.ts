import { randomBytes, randomUUID } from 'node:crypto';
import { StorageManagementClient } from '@azure/arm-storage';
import { BlobServiceClient, RestError, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { DataSource } from 'typeorm';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { armClient, featureEvents, groupPath, startAccountService, type RunningService } from '../apps/account-service/src/testing/service-harness';
import { startGateway, type RunningGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { startBlobService, type BlobServiceUnderTest } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../apps/key-management-service/src/testing/kms.fixtures';
import { startReplicator, type ReplicatorUnderTest } from '../apps/replicator-service/src/testing/replicator.fixture';
import { scanForMarker, storedExtents } from '../apps/blob-data-service/src/testing/raw-storage';

// Issue 6 end to end with the real Azure clients: accounts made and failed
// over with @azure/arm-storage, blobs written and read with
// @azure/storage-blob through the gateway (Shared Key), on the primary
// endpoint and on the RA-GRS `-secondary` one; every service in-process on
// its own database, one topic prefix, real Postgres and Kafka.

const SUB = randomUUID();
const RG = 'geo-rg';
const MiB = 1024 * 1024;
const MARKER = `geo-e2e-marker-${randomUUID()}`;

let ctx: TestContext;
let kms: KmsUnderTest;
let blobs: BlobServiceUnderTest;
let accounts: RunningService;
let replicator: ReplicatorUnderTest;
let gateway: RunningGateway;
let storage: StorageManagementClient;
let east: DataSource;
let west: DataSource;

const encrypted = { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } as const;

/** An account made through ARM (encrypted), its key ring ready, and SDK clients on key1 for its primary and secondary endpoints. */
const newAccount = async (name: string, sku: string) => {
  const created = await storage.storageAccounts.beginCreateAndWait(RG, name, { sku: { name: sku }, kind: 'StorageV2', location: 'eastus', encryption: encrypted });
  expect([created.provisioningState, created.encryption?.services?.blob?.enabled]).toEqual(['Succeeded', true]);
  const keysPath = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}/encryptionKeys?api-version=2017-06-01`;
  await waitFor(async () => (await kms.call('GET', keysPath)).status === 200, { what: `the key ring of ${name}`, timeoutMs: 30_000 });
  const key1 = (await storage.storageAccounts.listKeys(RG, name)).keys![0].value!;
  const credential = new StorageSharedKeyCredential(name, key1);
  return {
    primary: new BlobServiceClient(`${gateway.blobUrl}/${name}`, credential, { retryOptions: { maxTries: 1 } }),
    secondary: new BlobServiceClient(`${gateway.blobUrl}/${name}-secondary`, credential, { retryOptions: { maxTries: 1 } }),
  };
};

const geoStats = async (name: string) => (await storage.storageAccounts.getProperties(RG, name, { expand: 'geoReplicationStats' })).geoReplicationStats;

/** Waits until ARM's geoReplicationStats says Live with a last sync time after `acknowledged`. */
const syncedPast = (name: string, acknowledged: number) =>
  waitFor(
    async () => {
      const stats = await geoStats(name);
      return stats?.status === 'Live' && stats.lastSyncTime && stats.lastSyncTime.getTime() > acknowledged ? stats : undefined;
    },
    { what: `geoReplicationStats of ${name} to pass the writes`, timeoutMs: 60_000, intervalMs: 200 },
  );

const refusal = (call: Promise<unknown>): Promise<{ status?: number; code?: string }> =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: RestError) => ({ status: error.statusCode, code: error.code ?? (error.details as { errorCode?: string } | undefined)?.errorCode }),
  );


beforeAll(async () => {
  ctx = await createTestContext('geo-redundancy-e2e');
  kms = await startKms('geo-redundancy-e2e', { ctx });
  blobs = await startBlobService('geo-redundancy-e2e', { ctx, settings: { KMS_URL: kms.base, KMS_CLIENT_SECRET: BLOB_DATA_SERVICE_SECRET } });
  west = await blobs.regionDb('westus');
  east = await blobs.regionDb();
  accounts = await startAccountService(ctx);
  replicator = await startReplicator(ctx, blobs.base, { FAILOVER_DRAIN_TIMEOUT_MS: '3000' });
  gateway = await startGateway({
    ACCOUNT_SERVICE_URL: accounts.url,
    BLOB_DATA_SERVICE_URL: blobs.base,
    KEY_MANAGEMENT_SERVICE_URL: kms.base,
    REPLICATOR_SERVICE_URL: replicator.base,
    FEATURE_REGISTRATION_SERVICE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  storage = new StorageManagementClient(gateway.credential([SUB]), SUB, { endpoint: gateway.url, tlsOptions: { ca: gateway.caCert }, retryOptions: { maxRetries: 1, retryDelayInMs: 200 } });
  await featureEvents(ctx)(SUB, 'FeatureRegistered', new Date(Date.now() - 3_600_000));
  expect((await armClient(accounts.url).put(`${groupPath(SUB, RG)}?api-version=2025-04-01`, { location: 'eastus' })).status).toBeLessThan(300);
  await waitFor(async () => (await accounts.db.query(`SELECT state FROM feature_registrations WHERE subscription_key = $1`, [SUB]))[0]?.state === 'Registered', {
    what: 'account-service to know the registration',
  });
}, 180_000);

afterAll(async () => {
  await gateway?.close();
  await replicator?.close();
  await Promise.all([accounts?.close(), blobs?.close(), kms?.close()]);
  await ctx?.dispose();
});

describe('an encrypted RA-GRS account through the Azure clients', () => {
  const name = `ragrs${randomUUID().slice(0, 8)}`;
  let primary: BlobServiceClient;
  let secondary: BlobServiceClient;
  const block = Buffer.concat([randomBytes(4 * MiB), Buffer.from(MARKER), randomBytes(MiB)]);
  const page = Buffer.alloc(2048, 7);
  let acknowledged: number;

  beforeAll(async () => {
    ({ primary, secondary } = await newAccount(name, 'Standard_RAGRS'));
    const properties = await storage.storageAccounts.getProperties(RG, name);
    expect([properties.secondaryLocation, properties.secondaryEndpoints?.blob]).toEqual(['westus', `http://127.0.0.1:10000/${name}-secondary/`]);
    const container = primary.getContainerClient('mixed');
    await container.create();
    await container.getBlockBlobClient('block.bin').uploadData(block, { maxSingleShotSize: MiB, blockSize: 2 * MiB, metadata: { secret: MARKER } });
    const log = container.getAppendBlobClient('log.txt');
    await log.create();
    for (const line of [`one ${MARKER}\n`, `two ${MARKER}\n`]) await log.appendBlock(line, Buffer.byteLength(line));
    const disk = container.getPageBlobClient('disk.vhd');
    await disk.create(MiB);
    page.write(MARKER, 512);
    await disk.uploadPages(page, 8192, page.length);
    acknowledged = Date.now();
  }, 120_000);

  it('reports geoReplicationStats Live once its last sync time passes the writes, and Get Blob Service Stats agrees', async () => {
    const stats = await syncedPast(name, acknowledged);
    expect(stats).toMatchObject({ status: 'Live', canFailover: true });
    const { geoReplication } = await secondary.getStatistics();
    expect(geoReplication?.status).toBe('live');
    expect(geoReplication!.lastSyncOn!.getTime()).toBeGreaterThan(acknowledged - 1_000); // RFC 1123: whole seconds
  });

  it('holds the primary’s ciphertext byte for byte in the secondary store, and no plaintext', async () => {
    const westRaw = await blobs.rawStore('westus');
    const copied = await storedExtents(westRaw, name);
    expect(copied.length).toBeGreaterThanOrEqual(6);
    expect(copied.every((e) => e.encrypted)).toBe(true);
    expect(copied).toEqual(await storedExtents(await blobs.rawStore(), name));
    expect(await scanForMarker(westRaw, MARKER)).toEqual([]);
  });

  it('reads identical bytes, properties and listings from the -secondary endpoint with the same Shared Key', async () => {
    for (const blob of ['block.bin', 'log.txt', 'disk.vhd']) {
      const fromSecondary = await secondary.getContainerClient('mixed').getBlobClient(blob).downloadToBuffer();
      const fromPrimary = await primary.getContainerClient('mixed').getBlobClient(blob).downloadToBuffer();
      expect([blob, fromSecondary.equals(fromPrimary)]).toEqual([blob, true]);
    }
    expect((await secondary.getContainerClient('mixed').getBlobClient('block.bin').downloadToBuffer()).equals(block)).toBe(true);
    const props = await secondary.getContainerClient('mixed').getBlobClient('block.bin').getProperties();
    expect([props.isServerEncrypted, props.metadata, props.contentLength]).toEqual([true, { secret: MARKER }, block.length]);
    const listed: Array<[string, string | undefined, boolean | undefined]> = [];
    for await (const item of secondary.getContainerClient('mixed').listBlobsFlat()) listed.push([item.name, item.properties.blobType, item.properties.serverEncrypted]);
    expect(listed).toEqual([
      ['block.bin', 'BlockBlob', true],
      ['disk.vhd', 'PageBlob', true],
      ['log.txt', 'AppendBlob', true],
    ]);
    const containers: string[] = [];
    for await (const c of secondary.listContainers()) containers.push(c.name);
    expect(containers).toEqual(['mixed']);
  });

  it('refuses writes on the secondary endpoint with 403 WriteOperationNotSupportedOnSecondary', async () => {
    expect(await refusal(secondary.getContainerClient('mixed').getBlockBlobClient('new.txt').upload('x', 1))).toEqual({ status: 403, code: 'WriteOperationNotSupportedOnSecondary' });
    expect(await refusal(secondary.getContainerClient('other').create())).toEqual({ status: 403, code: 'WriteOperationNotSupportedOnSecondary' });
  });

  it('fails over with beginFailoverAndWait: LRS in the paired region, lastGeoFailoverTime set, nothing lost, data readable in the new primary', async () => {
    const before = Date.now();
    await storage.storageAccounts.beginFailoverAndWait(RG, name, { updateIntervalInMs: 250 });
    const after = await storage.storageAccounts.getProperties(RG, name, { expand: 'geoReplicationStats' });
    expect([after.sku?.name, after.location, after.primaryLocation, after.secondaryLocation, after.geoReplicationStats]).toEqual(['Standard_LRS', 'westus', 'westus', undefined, undefined]);
    expect(after.lastGeoFailoverTime!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(after.failoverInProgress).toBeUndefined();
    const [operation] = await accounts.db.query(`SELECT unreplicated_changes FROM geo_failover_operations WHERE account_name = $1`, [name]);
    expect(operation).toEqual({ unreplicated_changes: 0 });

    // The data plane now serves the account from westus: reads, and new writes land there, encrypted.
    expect(await blobs.db.query(`SELECT region, sku FROM account_encryption_state WHERE account_name = $1`, [name])).toEqual([{ region: 'westus', sku: 'Standard_LRS' }]);
    expect((await primary.getContainerClient('mixed').getBlobClient('block.bin').downloadToBuffer()).equals(block)).toBe(true);
    expect((await primary.getContainerClient('mixed').getPageBlobClient('disk.vhd').downloadToBuffer(8192, page.length)).equals(page)).toBe(true);
    const after2 = await primary.getContainerClient('mixed').getBlockBlobClient('after-failover.txt').upload('written in westus', 17);
    expect(after2.isServerEncrypted).toBe(true);
    expect(await west.query(`SELECT blob_name FROM blobs WHERE account_name = $1 AND blob_name = 'after-failover.txt'`, [name])).toHaveLength(1);
    expect(await east.query(`SELECT blob_name FROM blobs WHERE account_name = $1 AND blob_name = 'after-failover.txt'`, [name])).toHaveLength(0);
    expect(await refusal(secondary.getContainerClient('mixed').getBlobClient('block.bin').getProperties())).toEqual({ status: 404, code: 'ResourceNotFound' });
  });
});

describe('failover with changes the secondary does not have yet', () => {
  it('counts and reports the unreplicated changes instead of losing them silently', async () => {
    const name = `lossy${randomUUID().slice(0, 8)}`;
    const { primary } = await newAccount(name, 'Standard_GRS');
    const container = primary.getContainerClient('data');
    await container.create();
    await container.getBlockBlobClient('synced.txt').upload('synced', 6);
    await syncedPast(name, Date.now());

    // The secondary store takes no change (as if its region were unreachable) while the failover is prepared:
    // every blob written now stays unreplicated.
    await west.query(`CREATE FUNCTION spec_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'secondary unreachable (spec)'; END $$`);
    await west.query(`CREATE TRIGGER spec_refuse BEFORE INSERT OR UPDATE ON blob_streams FOR EACH ROW EXECUTE FUNCTION spec_refuse()`);
    try {
      for (let i = 0; i < 3; i++) await container.getBlockBlobClient(`late-${i}.txt`).upload(`late ${i}`, 6);
      await storage.storageAccounts.beginFailoverAndWait(RG, name, { updateIntervalInMs: 250 });
    } finally {
      await west.query(`DROP TRIGGER spec_refuse ON blob_streams`);
      await west.query(`DROP FUNCTION spec_refuse()`);
    }
    const [operation] = await accounts.db.query(`SELECT unreplicated_changes FROM geo_failover_operations WHERE account_name = $1`, [name]);
    expect(operation).toEqual({ unreplicated_changes: 3 });
    const properties = await storage.storageAccounts.getProperties(RG, name);
    expect([properties.sku?.name, properties.location]).toEqual(['Standard_LRS', 'westus']);
    // What was replicated is there; the failover reported what is not.
    expect((await container.getBlockBlobClient('synced.txt').downloadToBuffer()).toString()).toBe('synced');
    expect(await refusal(container.getBlockBlobClient('late-0.txt').getProperties())).toEqual({ status: 404, code: 'BlobNotFound' });
  }, 120_000);

  it('refuses a failover of an account that is not geo-redundant (409 FailoverNotSupported), which shows no geoReplicationStats', async () => {
    await storage.storageAccounts.beginCreateAndWait(RG, 'geolrsacct', { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' });
    expect(await refusal(storage.storageAccounts.beginFailoverAndWait(RG, 'geolrsacct', { updateIntervalInMs: 250 }))).toEqual({ status: 409, code: 'FailoverNotSupported' });
    const grs = await storage.storageAccounts.getProperties(RG, 'geolrsacct', { expand: 'geoReplicationStats' });
    expect(grs.geoReplicationStats).toBeUndefined();
  });
});
