import { randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { waitFor } from '@atrest/testing';
import { callGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { readRawExtent } from '../apps/blob-data-service/src/extents/extent.repository';
import { KmsClient } from '../apps/blob-data-service/src/keys/kms.client';
import { RegionStores } from '../apps/blob-data-service/src/region-stores/region-stores';
import { REGION } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import { download, MiB, startDataPlane, type DataPlane } from './blob-data-plane.fixture';

// Issue 4's re-wrap through the front door (blob-data-plane.fixture.ts):
// the real @azure/storage-blob client writes, the key ring rotates through
// the gateway (key-management-service), and the data plane's re-wrap job,
// seen and started at .../encryptionKeys/rewrap through the gateway, moves
// every stored wrapped data key to the newest KEK version without touching
// a byte of ciphertext. Blocked/restored, restarts and deleted accounts:
// apps/blob-data-service/src/key-rewrap/key-rewrap.int.spec.ts.

const NAME = 'rewrape2e';
let plane: DataPlane;
let customer: string;
let container: ContainerClient;

const rewrapPath = (name = NAME) => plane.encryptionKeysPath(name, '/rewrap');
const asCustomer = (method: string, path: string) => callGateway(plane.gateway, path, { method, bearer: customer });
const rewrapJob = async () => (await asCustomer('GET', rewrapPath())).body.properties;
const keyRows = (): Promise<Array<{ key_id: string; wrapped_key: string; kek_version: number }>> =>
  plane.store.query(`SELECT key_id, wrapped_key, kek_version FROM data_keys WHERE account_name = $1 ORDER BY key_id`, [NAME]);
/** Every extent of the account exactly as stored (ciphertext), by id. */
const storedExtents = async (): Promise<Map<string, Buffer>> => {
  const store = await plane.blobs.app.get(RegionStores).store(REGION);
  const ids: Array<{ id: string }> = await plane.store.query(`SELECT id FROM extents WHERE account_name = $1 ORDER BY id`, [NAME]);
  return new Map(await Promise.all(ids.map(async ({ id }) => [id, (await readRawExtent(store, id))!.packages] as const)));
};

beforeAll(async () => {
  // Write keys retire after 2 s: the job calls itself done once no writer can still hold one of the old version.
  plane = await startDataPlane('key-rewrap-e2e', { blobSettings: { DEK_CACHE_TTL_SECONDS: '2' } });
  customer = await plane.gateway.token([plane.encryptionKeysPath(NAME).split('/')[2]]);
  container = (await plane.newAccount(NAME, { encrypted: true })).getContainerClient('box');
  await container.create();
}, 180_000);

afterAll(async () => {
  await plane?.close();
});

describe('re-wrapping stored data keys after a rotation, through the gateway', () => {
  const first = randomBytes(3 * MiB + 17);
  const second = randomBytes(MiB + 5);

  it('GET rewrap: NotStarted towards the ring’s only version; another resource group is 404 ResourceNotFound', async () => {
    await container.getBlockBlobClient('first.bin').uploadData(first, { maxSingleShotSize: MiB, blockSize: MiB });
    await waitFor(async () => (await rewrapJob())?.targetKekVersion === 1, { what: 'the data plane to know the ring' });
    const reply = await asCustomer('GET', rewrapPath());
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: expect.stringMatching(new RegExp(`/storageAccounts/${NAME}/encryptionKeys/rewrap$`)),
      name: 'rewrap',
      type: 'Microsoft.Storage/storageAccounts/encryptionKeys/rewrap',
      properties: { status: 'NotStarted', targetKekVersion: 1, total: 0, rewrapped: 0, remaining: 0 },
    });
    const elsewhere = await asCustomer('GET', rewrapPath().replace('/data-plane-rg/', '/other-rg/'));
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'ResourceNotFound']);
  });

  it('rotation starts the job; it ends Succeeded with every stored key at the newest version and the ciphertext byte-identical', async () => {
    const before = await keyRows();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((k) => k.kek_version === 1)).toBe(true);
    const ciphertext = await storedExtents();

    const rotated = await asCustomer('POST', plane.encryptionKeysPath(NAME, '/rotate'));
    expect([rotated.status, rotated.body.properties.currentVersion]).toEqual([200, 2]);
    await waitFor(async () => (await rewrapJob()).targetKekVersion === 2, { what: 'the job for version 2' });
    await container.getBlockBlobClient('second.bin').uploadData(second, { maxSingleShotSize: MiB, blockSize: MiB });

    await waitFor(async () => (await rewrapJob()).status === 'Succeeded', { what: 'the re-wrap to succeed', timeoutMs: 60_000, intervalMs: 200 });
    const job = await rewrapJob();
    expect(job).toMatchObject({ status: 'Succeeded', targetKekVersion: 2, remaining: 0, startTime: expect.any(String), endTime: expect.any(String) });
    expect(job.total).toBe(job.rewrapped);
    expect(job.rewrapped).toBeGreaterThanOrEqual(before.length);

    const after = await keyRows();
    expect(after.every((k) => k.kek_version === 2)).toBe(true);
    expect(after.map((k) => k.key_id)).toEqual(expect.arrayContaining(before.map((k) => k.key_id)));
    const stored = await storedExtents();
    for (const [id, bytes] of ciphertext) expect([id, stored.get(id)?.equals(bytes)]).toEqual([id, true]);

    expect((await download(container, 'first.bin')).equals(first)).toBe(true);
    expect((await download(container, 'second.bin')).equals(second)).toBe(true);

    // A read that fetched a row before its swap holds the old wrapped form: the key service still opens it, to the same key.
    const kms = plane.blobs.app.get(KmsClient);
    const old = before[0];
    const now = after.find((k) => k.key_id === old.key_id)!;
    expect(now.wrapped_key).not.toBe(old.wrapped_key);
    expect((await kms.unwrap(NAME, old.wrapped_key, 1)).equals(await kms.unwrap(NAME, now.wrapped_key, 2))).toBe(true);
  });

  it('POST rewrap with nothing owed answers 200 and starts nothing; each re-wrap is in the key audit', async () => {
    const reply = await asCustomer('POST', rewrapPath());
    expect([reply.status, reply.body.properties.status, reply.headers.location]).toEqual([200, 'Succeeded', undefined]);
    const operator = await plane.gateway.token([], { operator: true });
    const audit = await callGateway(plane.gateway, `/operator/key-audit?account=${NAME}&limit=1000`, { bearer: operator });
    const rewraps = audit.body.value.filter((r: { operation: string; outcome: string }) => r.operation === 'rewrap' && r.outcome === 'allowed');
    expect(rewraps.length).toBe((await rewrapJob()).rewrapped);
  });
});
