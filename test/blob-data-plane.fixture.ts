import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, RestError, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import type { DataSource } from 'typeorm';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { accountPath, armClient, featureEvents, groupPath, startAccountService, type RunningService } from '../apps/account-service/src/testing/service-harness';
import { startGateway, type RunningGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { startBlobService, type BlobServiceUnderTest } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import type { RawStore } from '../apps/blob-data-service/src/testing/raw-storage';
import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../apps/key-management-service/src/testing/kms.fixtures';

// Issue 5's data plane end to end, shared by the test/blob-data-plane*.int.spec.ts
// files: the real @azure/storage-blob client signs with the account's key1
// (from account-service's listKeys) and talks to the gateway's Blob endpoint,
// which forwards to blob-data-service over its Unix socket, as `npm start`
// runs them (GATEWAY_SOCKET / BLOB_DATA_SERVICE_SOCKET); accounts are created and encryption
// toggled through account-service's ARM surface (the consistency contract),
// data keys come from key-management-service. All in-process, each on its own
// database, one topic prefix; real Postgres and Kafka.

export const MiB = 1024 * 1024;

export interface DataPlane {
  readonly ctx: TestContext;
  readonly kms: KmsUnderTest;
  readonly blobs: BlobServiceUnderTest;
  readonly gateway: RunningGateway;
  /** The region store's database (raw rows). */
  readonly store: DataSource;
  /** The region store's raw storage, rows and extent files (scans, tampering: apps/blob-data-service/src/testing/raw-storage.ts). */
  readonly raw: RawStore;
  /** ARM path of an account's key-management resources (api-version included). */
  encryptionKeysPath(name: string, suffix?: string): string;
  /** A Resource Manager account made through account-service, known to the data plane and the key service, with an SDK client on key1. */
  newAccount(name: string, options?: { encrypted?: boolean }): Promise<BlobServiceClient>;
  /** PATCH through account-service; Succeeded means the data plane acknowledged (the consistency contract). */
  setEncryption(name: string, enabled: boolean): Promise<void>;
  /** PATCH the account's default access tier through account-service. */
  setAccountAccessTier(name: string, accessTier: 'Hot' | 'Cool'): Promise<void>;
  /** PATCH supportsHttpsTrafficOnly through account-service. */
  setHttpsOnly(name: string, httpsOnly: boolean): Promise<void>;
  close(): Promise<void>;
}

/** `blobSettings`: blob-data-service settings over the spec defaults (e.g. a short DEK_CACHE_TTL_SECONDS). */
export const startDataPlane = async (label: string, { blobSettings = {} }: { blobSettings?: Record<string, string> } = {}): Promise<DataPlane> => {
  const sub = randomUUID();
  const rg = 'data-plane-rg';
  const ctx = await createTestContext(label);
  const kms = await startKms(label, { ctx });
  const socket = join(tmpdir(), `atrest-${ctx.id}.sock`);
  const blobs = await startBlobService(label, { ctx, settings: { KMS_URL: kms.base, KMS_CLIENT_SECRET: BLOB_DATA_SERVICE_SECRET, GATEWAY_SOCKET: socket, ...blobSettings } });
  const accounts: RunningService = await startAccountService(ctx);
  const gateway = await startGateway({
    ACCOUNT_SERVICE_URL: accounts.url,
    BLOB_DATA_SERVICE_URL: blobs.base,
    BLOB_DATA_SERVICE_SOCKET: socket,
    KEY_MANAGEMENT_SERVICE_URL: kms.base,
    // Not behind the Blob endpoint: never called here.
    FEATURE_REGISTRATION_SERVICE_URL: 'http://127.0.0.1:9',
    REPLICATOR_SERVICE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  const arm = armClient(accounts.url);
  // The subscription signed up for the preview before any of its accounts was made.
  await featureEvents(ctx)(sub, 'FeatureRegistered', new Date(Date.now() - 3_600_000));
  expect((await arm.put(groupPath(sub, rg), { location: 'eastus' })).status).toBeLessThan(300);
  await waitFor(async () => (await accounts.db.query(`SELECT state FROM feature_registrations WHERE subscription_key = $1`, [sub]))[0]?.state === 'Registered', {
    what: 'account-service to know the registration',
  });

  const encryptionKeysPath = (name: string, suffix = '') =>
    `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}/encryptionKeys${suffix}?api-version=2017-06-01`;
  const setEncryption = async (name: string, enabled: boolean) => {
    const answer = await arm.patch(accountPath(sub, rg, name), { properties: { encryption: { services: { blob: { enabled } }, keySource: 'Microsoft.Storage' } } });
    expect([answer.status, answer.body.properties.provisioningState, answer.body.properties.encryption.services.blob.enabled]).toEqual([200, 'Succeeded', enabled]);
  };
  /** PATCHes one account property and checks the answer carries it. */
  const setAccountProperty = async (name: string, property: string, value: unknown) => {
    const answer = await arm.patch(accountPath(sub, rg, name), { properties: { [property]: value } });
    expect([answer.status, answer.body.properties[property]]).toEqual([200, value]);
  };
  const setAccountAccessTier = (name: string, accessTier: 'Hot' | 'Cool') => setAccountProperty(name, 'accessTier', accessTier);
  const setHttpsOnly = (name: string, httpsOnly: boolean) => setAccountProperty(name, 'supportsHttpsTrafficOnly', httpsOnly);
  return {
    ctx,
    kms,
    blobs,
    gateway,
    store: await blobs.regionDb(),
    raw: await blobs.rawStore(),
    encryptionKeysPath,
    setEncryption,
    setAccountAccessTier,
    setHttpsOnly,
    async newAccount(name, { encrypted = false } = {}) {
      expect((await arm.put(accountPath(sub, rg, name), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' })).status).toBe(200);
      await waitFor(async () => (await kms.call('GET', encryptionKeysPath(name))).status === 200, { what: `the key ring of ${name}`, timeoutMs: 30_000 });
      if (encrypted) await setEncryption(name, true);
      const { body } = await arm.post(`${accountPath(sub, rg, name)}/listKeys`);
      return new BlobServiceClient(`${gateway.blobUrl}/${name}`, new StorageSharedKeyCredential(name, body.keys[0].value as string), { retryOptions: { maxTries: 1 } });
    },
    async close() {
      await gateway.close();
      await Promise.all([accounts.close(), blobs.close(), kms.close()]);
      await ctx.dispose();
    },
  };
};

export const md5 = (data: Buffer) => createHash('md5').update(data).digest();

/** The SDK's refusal as status and Azure code (for HEAD, which has no body, the SDK keeps x-ms-error-code in details); fails when the call succeeded. */
export const refusal = (call: Promise<unknown>): Promise<{ status?: number; code?: string }> =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: RestError) => ({ status: error.statusCode, code: error.code ?? (error.details as { errorCode?: string } | undefined)?.errorCode }),
  );

export const download = async (container: ContainerClient, blob: string): Promise<Buffer> => container.getBlobClient(blob).downloadToBuffer();
export const isServerEncrypted = async (container: ContainerClient, blob: string) => (await container.getBlobClient(blob).getProperties()).isServerEncrypted;
