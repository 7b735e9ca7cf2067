import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@atrest/contracts';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { readRawExtent } from '../extents/extent.repository';
import { RegionStores } from '../region-stores/region-stores';
import { REGION, startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';

// The re-wrap job in blob-data-service (real Postgres and Kafka) against a
// key service stand-in behind the KMS_URL port, so a spec can revoke the
// customer key or take the service away at will: ring events are published
// on atrest.keys as key-management-service would. The job blocks and says
// why, resumes after a restart and a restored key, never touches ciphertext,
// and ends with the account. The real key service end to end: test/key-rewrap.int.spec.ts.

const SECRET = 'fake-key-service-secret-of-32-characters';
const ref = { subscriptionId: 'sub-blobs', resourceGroup: 'rg-blobs' };
const REWRAP = (account: string, group = ref.resourceGroup, subscription = ref.subscriptionId) =>
  `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/${account}/encryptionKeys/rewrap?api-version=2023-05-01`;

/** key-management-service's internal data-key API, in memory: every wrapped form it issued stays unwrappable (old KEK versions are kept). */
class FakeKeyService {
  mode: 'ok' | 'revoked' | 'down' = 'ok';
  readonly rewrapCalls: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly issued = new Map<string, { key: Buffer; keyId: string; kekVersion: number }>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  rotate(account: string): number {
    const next = this.current(account) + 1;
    this.versions.set(account, next);
    return next;
  }

  current(account: string): number {
    return this.versions.get(account) ?? 1;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const [, account, operation] = /^\/internal\/accounts\/([^/]+)\/data-keys(?:\/(\w+))?$/.exec(req.url ?? '') ?? [];
    const answer = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (this.mode === 'down') return void res.socket?.destroy();
    if (req.headers.authorization !== `Bearer ${SECRET}` || !account) return answer(401, { error: { code: 'AuthenticationFailed', message: 'no' } });
    if (this.mode === 'revoked') return answer(403, { error: { code: 'KeyVaultEncryptionKeyNotFound', message: 'revoked' } });
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as { wrappedKey: string; kekVersion: number }) : undefined;
    if (!operation) {
      const issued = this.issue(account);
      return answer(200, { dataKey: issued.key.toString('base64'), wrappedKey: issued.wrappedKey, kekVersion: issued.kekVersion, keyId: issued.keyId });
    }
    const held = body && this.issued.get(body.wrappedKey);
    if (!held || held.kekVersion !== body.kekVersion) return answer(403, { error: { code: 'WrappedKeyRejected', message: 'not ours' } });
    if (operation === 'unwrap') return answer(200, { dataKey: held.key.toString('base64'), keyId: held.keyId });
    this.rewrapCalls.push(held.keyId);
    const rewrapped = this.issue(account, held.key, held.keyId);
    return answer(200, { wrappedKey: rewrapped.wrappedKey, kekVersion: rewrapped.kekVersion, keyId: rewrapped.keyId });
  }

  /** A data key issued as `generate` would (public: a spec stores many without writing a blob for each). */
  issue(account: string, key: Buffer = randomBytes(32), keyId: string = randomUUID()) {
    const kekVersion = this.current(account);
    const wrappedKey = randomBytes(40).toString('base64');
    this.issued.set(wrappedKey, { key, keyId, kekVersion });
    return { key, keyId, kekVersion, wrappedKey };
  }
}

const kms = new FakeKeyService();
let ctx: TestContext;
let extentDataDir: string;
let blobs: BlobServiceUnderTest;
let kmsUrl: string;
const ringVersions = new Map<string, number>();
const accountVersions = new Map<string, number>();

const start = async (url: string) =>
  startBlobService('key-rewrap', {
    ctx,
    settings: { KMS_URL: url, KMS_CLIENT_SECRET: SECRET, KMS_TIMEOUT_MS: '1000', DEK_CACHE_TTL_SECONDS: '1', EXTENT_DATA_DIR: extentDataDir },
  });

const publish = async (topic: string, streamId: string, versions: Map<string, number>, type: string, data: Record<string, unknown>) => {
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  const envelope = { eventId: randomUUID(), type, schemaVersion: 1, streamId, streamVersion, occurredAt: new Date().toISOString(), data, metadata: {} };
  await new KafkaProbe(ctx.kafkaBrokers).produce(`${ctx.topicPrefix}${topic}`, [{ key: streamId, value: JSON.stringify(envelope) }]);
};
/** A key-ring event of key-management-service. */
const ringEvent = (account: string, type: string, data: Record<string, unknown> = {}) =>
  publish(Topics.keys, `AccountKeyRing-${account}`, ringVersions, type, { ...ref, accountName: account, ...data });

/** What the spec reads of an answer: the resource or an ARM error. */
interface ArmReply {
  readonly properties: Record<string, unknown> & { status: string; targetKekVersion?: number; total: number; rewrapped: number; error?: { code: string } };
  readonly error?: { code: string; message: string };
}

const arm = async (method: string, path: string) => {
  const response = await fetch(`${blobs.base}${path}`, { method, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'arm.example:8443' } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as ArmReply };
};
const job = async (account: string) => (await arm('GET', REWRAP(account))).body.properties;
const untilJob = (account: string, status: string) =>
  waitFor(async () => (await job(account)).status === status, { what: `the re-wrap of ${account} to be ${status}`, timeoutMs: 30_000, intervalMs: 100 });
const keyRows = async (account: string) =>
  (await blobs.regionDb()).query<Array<{ key_id: string; kek_version: number }>>(`SELECT key_id, kek_version FROM data_keys WHERE account_name = $1 ORDER BY key_id`, [account]);
/** Every extent of the account exactly as stored (ciphertext), by id. */
const storedExtents = async (account: string) => {
  const store = await blobs.app.get(RegionStores).store(REGION);
  const ids = await (await blobs.regionDb()).query<Array<{ id: string }>>(`SELECT id FROM extents WHERE account_name = $1 ORDER BY id`, [account]);
  return new Map(await Promise.all(ids.map(async ({ id }) => [id, (await readRawExtent(store, id))!.packages.toString('base64')] as const)));
};

beforeAll(async () => {
  ctx = await createTestContext('key-rewrap');
  extentDataDir = await mkdtemp(join(tmpdir(), 'atrest-key-rewrap-'));
  kmsUrl = await kms.start();
  blobs = await start(kmsUrl);
}, 120_000);

afterAll(async () => {
  await blobs?.close();
  await kms.close();
  await ctx?.dispose();
  await rm(extentDataDir, { recursive: true, force: true });
});

describe('re-wrapping stored data keys after a rotation', () => {
  const ACCOUNT = 'rewrapacct';
  const first = randomBytes(300 * 1024);
  const second = randomBytes(70 * 1024);
  let ciphertext: Map<string, string>;

  it('is NotStarted for an account whose ring has one version, and 404 ResourceNotFound under another group or subscription', async () => {
    await blobs.createAccount(ACCOUNT, { encrypted: true });
    await ringEvent(ACCOUNT, 'KeyRingCreated', { kekVersion: 1, keySource: 'Microsoft.Storage', createdAt: new Date().toISOString() });
    await waitFor(async () => (await job(ACCOUNT)).targetKekVersion === 1, { what: 'the ring heard' });
    expect(await arm('GET', REWRAP(ACCOUNT))).toMatchObject({
      status: 200,
      body: {
        id: `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${ACCOUNT}/encryptionKeys/rewrap`,
        name: 'rewrap',
        type: 'Microsoft.Storage/storageAccounts/encryptionKeys/rewrap',
        properties: { status: 'NotStarted', targetKekVersion: 1, total: 0, rewrapped: 0, remaining: 0 },
      },
    });
    // ARM paths and names are case-insensitive.
    expect((await arm('GET', REWRAP(ACCOUNT, 'RG-BLOBS'))).status).toBe(200);
    expect((await arm('GET', REWRAP(ACCOUNT).replace('/resourceGroups/', '/resourcegroups/'))).status).toBe(200);
    for (const path of [REWRAP(ACCOUNT, 'other-rg'), REWRAP(ACCOUNT, ref.resourceGroup, 'other-sub'), REWRAP('nosuchacct')])
      for (const method of ['GET', 'POST'])
        expect(await arm(method, path)).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound', message: expect.stringContaining('was not found') } } });
  });

  it('blocks while the customer key is revoked, saying so, with no row changed', async () => {
    await blobs.call('PUT', `${ACCOUNT}/box?restype=container`);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/first.bin`, { body: first, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    // More stored keys than one batch of the walk (100), as a long-lived account has.
    const spare = Array.from({ length: 250 }, () => kms.issue(ACCOUNT));
    await (await blobs.regionDb()).query(
      `INSERT INTO data_keys (key_id, account_name, wrapped_key, kek_version) SELECT k, $1, w, 1 FROM unnest($2::uuid[], $3::text[]) AS s(k, w)`,
      [ACCOUNT, spare.map((k) => k.keyId), spare.map((k) => k.wrappedKey)],
    );
    const before = await keyRows(ACCOUNT);
    expect(before.length).toBeGreaterThan(250);
    ciphertext = await storedExtents(ACCOUNT);

    kms.mode = 'revoked';
    await ringEvent(ACCOUNT, 'KeyRotated', { kekVersion: kms.rotate(ACCOUNT), previousKekVersion: 1, rotatedAt: new Date().toISOString() });
    await untilJob(ACCOUNT, 'Blocked');
    expect(await job(ACCOUNT)).toMatchObject({
      targetKekVersion: 2,
      rewrapped: 0,
      total: before.length,
      remaining: before.length,
      startTime: expect.any(String),
      error: { code: 'KeyVaultEncryptionKeyNotFound', message: expect.stringContaining('restored') },
    });
    expect(await keyRows(ACCOUNT)).toEqual(before);

    // POST retries at once: 202 and ARM's async headers naming the GET, on the host the client called.
    const retried = await arm('POST', REWRAP(ACCOUNT));
    expect(retried.status).toBe(202);
    const url = `https://arm.example:8443${REWRAP(ACCOUNT)}`;
    expect([retried.headers.get('location'), retried.headers.get('azure-asyncoperation')]).toEqual([url, url]);
    expect(retried.body.properties).toMatchObject({ status: 'Running', targetKekVersion: 2 });
    await untilJob(ACCOUNT, 'Blocked');
  });

  it('resumes after a restart once the key is restored: every key at the newest version, ciphertext untouched, blobs read back', async () => {
    await blobs.close();
    kms.mode = 'ok';
    blobs = await start(kmsUrl);
    // A write after the rotation gets a key of the new version.
    expect((await blobs.call('PUT', `${ACCOUNT}/box/second.bin`, { body: second, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    await ringEvent(ACCOUNT, 'KeyRestored', { keyVaultProperties: { keyVaultUri: 'https://v.vault.azure.net', keyName: 'k', keyVersion: '1' }, restoredAt: new Date().toISOString() });
    await untilJob(ACCOUNT, 'Succeeded');

    const rows = await keyRows(ACCOUNT);
    const properties = await job(ACCOUNT);
    expect(properties).toMatchObject({ status: 'Succeeded', targetKekVersion: 2, remaining: 0, endTime: expect.any(String) });
    expect(properties.error).toBeUndefined();
    expect(properties.total).toBe(properties.rewrapped);
    expect(properties.rewrapped).toBe(kms.rewrapCalls.length);
    expect(rows.every((r) => r.kek_version === 2)).toBe(true);
    const after = await storedExtents(ACCOUNT);
    for (const [id, bytes] of ciphertext) expect([id, after.get(id)]).toEqual([id, bytes]);

    for (const [name, data] of [['first.bin', first], ['second.bin', second]] as const) {
      const read = await blobs.call('GET', `${ACCOUNT}/box/${name}`);
      expect([read.status, read.body.equals(data)]).toEqual([200, true]);
    }
    // Nothing owed any more: POST answers 200 and starts nothing.
    const again = await arm('POST', REWRAP(ACCOUNT));
    expect([again.status, again.body.properties.status, again.headers.get('location')]).toEqual([200, 'Succeeded', null]);
  });
});

describe('an account deleted while its re-wrap is blocked', () => {
  const ACCOUNT = 'goneacct';

  it('ends the job: nothing is left to protect', async () => {
    await blobs.createAccount(ACCOUNT, { encrypted: true });
    accountVersions.set(`StorageAccount-${ACCOUNT}`, 2); // createAccount published versions 1 and 2
    await ringEvent(ACCOUNT, 'KeyRingCreated', { kekVersion: 1, keySource: 'Microsoft.Storage', createdAt: new Date().toISOString() });
    await blobs.call('PUT', `${ACCOUNT}/box?restype=container`);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/b`, { body: 'data', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    kms.mode = 'down';
    await ringEvent(ACCOUNT, 'KeyRotated', { kekVersion: kms.rotate(ACCOUNT), previousKekVersion: 1, rotatedAt: new Date().toISOString() });
    await untilJob(ACCOUNT, 'Blocked');
    expect((await job(ACCOUNT)).error?.code).toBe('ServerBusy');

    await publish(Topics.accounts, `StorageAccount-${ACCOUNT}`, accountVersions, 'StorageAccountDeleted', { ...ref, accountName: ACCOUNT, deletedAt: new Date().toISOString() });
    await waitFor(async () => (await blobs.db.query(`SELECT 1 FROM key_rewrap_jobs WHERE account_name = $1`, [ACCOUNT])).length === 0, {
      what: 'the job to end with its account',
      timeoutMs: 30_000,
    });
    expect((await arm('GET', REWRAP(ACCOUNT))).status).toBe(404);
    kms.mode = 'ok';
  });
});
