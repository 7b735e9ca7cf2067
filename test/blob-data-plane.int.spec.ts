import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { DataSource } from 'typeorm';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { callGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { PINNED_PAGE_RANGES } from '../apps/blob-data-service/src/blobs/store/page.repository';
import { RetiredExtentReclaim } from '../apps/blob-data-service/src/extents/retired-extent-reclaim';
import { EXTENT_FILES, flipStoredByte, scanForMarker, storedBytes, storedCounts, swapStoredBytes } from '../apps/blob-data-service/src/testing/raw-storage';
import { download, isServerEncrypted, md5, MiB, refusal, startDataPlane, type DataPlane } from './blob-data-plane.fixture';

// Issue 5's data plane end to end (blob-data-plane.fixture.ts): block blobs
// with the real Azure client through the gateway, then the store's raw rows and files:
// no plaintext when encrypted, tampering detected, and a revoked customer
// key stops reads and writes. Append and page blobs and Copy Blob:
// blob-data-plane-more.int.spec.ts.

const SECRET_MARKER = `atrest-secret-marker-${randomUUID()}`;
const PLAIN_MARKER = `atrest-plain-marker-${randomUUID()}`;
const VAULT_KEY = '/operator/keyvault/dpvault/keys/sse-key/versions/v1';

let plane: DataPlane;
let store: DataSource;
const newAccount = (name: string, options?: { encrypted?: boolean }): Promise<BlobServiceClient> => plane.newAccount(name, options);
const setEncryption = (name: string, enabled: boolean) => plane.setEncryption(name, enabled);

beforeAll(async () => {
  plane = await startDataPlane('blob-data-plane');
  store = plane.store;
}, 180_000);

afterAll(() => plane?.close());

describe('block blobs with the real Azure client, through the gateway', () => {
  let service: BlobServiceClient;
  let container: ContainerClient;

  beforeAll(async () => {
    service = await newAccount('sdkacct');
    container = service.getContainerClient('docs');
    await container.create();
  });

  it('uploads single-shot and in staged blocks (several MiB), downloads byte for byte, and reports isServerEncrypted before/after enabling', async () => {
    const single = randomBytes(6 * MiB + 333);
    const staged = randomBytes(9 * MiB + 17);
    const put = await container.getBlockBlobClient('single.bin').uploadData(single, { maxSingleShotSize: 8 * MiB });
    expect(put.isServerEncrypted).toBe(false);
    await container.getBlockBlobClient('staged.bin').uploadData(staged, { maxSingleShotSize: MiB, blockSize: 2 * MiB, concurrency: 2 });
    expect((await download(container, 'single.bin')).equals(single)).toBe(true);
    expect((await download(container, 'staged.bin')).equals(staged)).toBe(true);
    const blocks = await container.getBlockBlobClient('staged.bin').getBlockList('committed');
    expect(blocks.committedBlocks?.map((b) => b.size)).toEqual([...Array(4).fill(2 * MiB), 1 * MiB + 17]);
    expect(await isServerEncrypted(container, 'single.bin')).toBe(false);

    await setEncryption('sdkacct', true);
    const after = randomBytes(3 * MiB);
    expect((await container.getBlockBlobClient('after.bin').uploadData(after)).isServerEncrypted).toBe(true);
    expect(await isServerEncrypted(container, 'after.bin')).toBe(true);
    expect(await isServerEncrypted(container, 'single.bin')).toBe(false);
    expect((await download(container, 'after.bin')).equals(after)).toBe(true);

    const ranged = await container.getBlockBlobClient('after.bin').downloadToBuffer(MiB - 10, 70_000);
    expect(ranged.equals(after.subarray(MiB - 10, MiB - 10 + 70_000))).toBe(true);
  });

  it('lists blobs with ServerEncrypted per blob, flat and by hierarchy', async () => {
    await container.getBlockBlobClient('folder/one.txt').upload('one', 3);
    const flat: Array<[string, boolean | undefined]> = [];
    for await (const item of container.listBlobsFlat()) flat.push([item.name, item.properties.serverEncrypted]);
    expect(flat).toEqual([
      ['after.bin', true],
      ['folder/one.txt', true],
      ['single.bin', false],
      ['staged.bin', false],
    ]);
    const top: string[] = [];
    for await (const item of container.listBlobsByHierarchy('/')) top.push(item.kind === 'prefix' ? `${item.name} (prefix)` : item.name);
    // The client yields a page's prefixes before its blobs.
    expect(top).toEqual(['folder/ (prefix)', 'after.bin', 'single.bin', 'staged.bin']);
  });

  it('sets and reads metadata and HTTP headers; conditional requests succeed or fail as Azure', async () => {
    const blob = container.getBlockBlobClient('after.bin');
    await blob.setMetadata({ project: 'atrest', owner: 'data-plane' });
    await blob.setHTTPHeaders({ blobContentType: 'application/x-atrest', blobCacheControl: 'max-age=60' });
    const props = await blob.getProperties();
    expect([props.metadata, props.contentType, props.cacheControl, props.isServerEncrypted]).toEqual([
      { project: 'atrest', owner: 'data-plane' },
      'application/x-atrest',
      'max-age=60',
      true,
    ]);

    const etag = props.etag!;
    await expect(blob.getProperties({ conditions: { ifMatch: etag } })).resolves.toBeDefined();
    expect(await refusal(blob.setMetadata({ x: 'y' }, { conditions: { ifMatch: '"0x0000"' } }))).toEqual({ status: 412, code: 'ConditionNotMet' });
    expect(await refusal(blob.upload('new', 3, { conditions: { ifNoneMatch: '*' } }))).toEqual({ status: 409, code: 'BlobAlreadyExists' });
    expect(await refusal(blob.delete({ conditions: { ifUnmodifiedSince: new Date(Date.now() - 86_400_000) } }))).toEqual({ status: 412, code: 'ConditionNotMet' });
    const notModified = await refusal(blob.download(0, undefined, { conditions: { ifNoneMatch: etag } }));
    expect(notModified.status).toBe(304);
    expect((await blob.getProperties()).metadata).toEqual({ project: 'atrest', owner: 'data-plane' });
  });

  it('refuses bad input with its Azure error and stores nothing; the service stays healthy', async () => {
    const extents = () => storedCounts(plane.raw);
    const before = await extents();
    expect(await refusal(service.getContainerClient('missing').getBlockBlobClient('b').upload('x', 1))).toEqual({ status: 404, code: 'ContainerNotFound' });
    expect(await refusal(container.getBlockBlobClient('missing').getProperties())).toEqual({ status: 404, code: 'BlobNotFound' });
    expect(await refusal(container.getBlockBlobClient('single.bin').download(100 * MiB))).toEqual({ status: 416, code: 'InvalidRange' });
    const unknownBlock = Buffer.from('never-staged').toString('base64');
    expect(await refusal(container.getBlockBlobClient('staged.bin').commitBlockList([unknownBlock]))).toEqual({ status: 400, code: 'InvalidBlockList' });
    expect(await refusal(container.getBlockBlobClient('bad.bin').stageBlock(unknownBlock, Buffer.from('abc'), 3, { transactionalContentMD5: md5(Buffer.from('abd')) }))).toEqual({
      status: 400,
      code: 'Md5Mismatch',
    });
    expect(await refusal(container.create())).toEqual({ status: 409, code: 'ContainerAlreadyExists' });
    expect(await extents()).toEqual(before);
    expect((await fetch(`${plane.blobs.base}/ready`)).status).toBe(200);
  });
});

describe('a read and a write of one blob at once', () => {
  let box: ContainerClient;

  it('a download under way when the blob is overwritten or deleted delivers the version it started on, whole', async () => {
    box = (await newAccount('readraceacct', { encrypted: true })).getContainerClient('box');
    await box.create();
    for (const change of ['overwrite', 'delete'] as const) {
      const blob = box.getBlockBlobClient(`${change}.bin`);
      const first = randomBytes(24 * MiB + 5);
      // Blocks of 4 MiB: six extent files (and a 5-byte extent inline), each read only when the download reaches it.
      await blob.uploadData(first, { maxSingleShotSize: MiB, blockSize: 4 * MiB, concurrency: 2 });
      const body = (await blob.download(0, undefined, { maxRetryRequests: 0 })).readableStreamBody!;
      const received: Buffer[] = [];
      // The first bytes arrive, then the client stops reading while the blob changes.
      received.push(
        await new Promise<Buffer>((resolve) =>
          body.once('data', (chunk: Buffer) => {
            body.pause();
            resolve(chunk);
          }),
        ),
      );
      if (change === 'overwrite') await blob.uploadData(randomBytes(20 * MiB), { maxSingleShotSize: MiB, blockSize: 4 * MiB });
      else await blob.delete();
      for await (const chunk of body) received.push(chunk as Buffer);
      expect(Buffer.concat(received).equals(first)).toBe(true);
    }
    expect((await download(box, 'overwrite.bin')).length).toBe(20 * MiB);
    expect(await refusal(box.getBlobClient('delete.bin').getProperties())).toEqual({ status: 404, code: 'BlobNotFound' });
  });

  it('a download of a page blob of more ranges than a read takes with its row breaks off when the blob is written meanwhile, never mixing versions', async () => {
    // PINNED_PAGE_RANGES (5,000) + 1 ranges of 512 bytes, 64 KiB apart: one written page, the others rows naming its extent.
    const [ranges, gap] = [PINNED_PAGE_RANGES + 1, 64 * 1024];
    const page = box.getPageBlobClient('many-ranges.bin');
    await page.create(ranges * gap);
    const written = randomBytes(512);
    await page.uploadPages(written, 0, 512);
    await plane.store.query(
      `INSERT INTO page_ranges (account_name, account_incarnation, container_name, blob_name, start_offset, end_offset, extent_id, extent_offset)
       SELECT account_name, account_incarnation, container_name, blob_name, g * $1::bigint, g * $1::bigint + 512, extent_id, extent_offset
         FROM page_ranges, generate_series(1, $2::int) g WHERE account_name = 'readraceacct' AND blob_name = 'many-ranges.bin'`,
      [gap, ranges - 1],
    );
    // What the version read holds at each offset: the written page at every multiple of the gap, zeros between.
    let offset = 0;
    const check = (chunk: Buffer) => {
      for (let at = 0; at < chunk.length; ) {
        const inGap = (offset + at) % gap;
        const take = Math.min(chunk.length - at, inGap < 512 ? 512 - inGap : gap - inGap);
        const expected = inGap < 512 ? written.subarray(inGap, inGap + take) : Buffer.alloc(take);
        if (!chunk.subarray(at, at + take).equals(expected)) throw new Error(`byte ${offset + at} is not the version the read began on`);
        at += take;
      }
      offset += chunk.length;
    };

    const whole = (await page.download(0, undefined, { maxRetryRequests: 0 })).readableStreamBody!;
    for await (const chunk of whole) check(chunk as Buffer);
    expect(offset).toBe(ranges * gap);

    offset = 0;
    const body = (await page.download(0, undefined, { maxRetryRequests: 0 })).readableStreamBody!;
    // The first bytes arrive, then the client stops reading while a page far on is written.
    check(await new Promise<Buffer>((resolve) => body.once('data', (chunk: Buffer) => resolve((body.pause(), chunk)))));
    await page.uploadPages(randomBytes(512), 3_000 * gap, 512);
    await expect(
      (async () => {
        for await (const chunk of body) check(chunk as Buffer);
      })(),
    ).rejects.toThrow(/aborted|terminated|socket|premature|ECONNRESET/i);
    // It broke off at a batch of ranges fetched after the write, before reaching the new page.
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(3_000 * gap);
  });

  it('keeps what a change let go of for the grace period, then the reclaim sweep removes rows and files', async () => {
    const retired = async () =>
      (await plane.store.query<{ id: string }[]>(`SELECT id FROM extents WHERE retired_at IS NOT NULL AND account_name = 'readraceacct'`)).map((r) => r.id);
    const inFiles = (ids: string[]) => ids.filter((id) => existsSync(plane.raw.files.pathOf(id)));
    const before = await retired();
    // Both 24 MiB versions: seven extents each, six of them files.
    expect([before.length, inFiles(before).length]).toEqual([14, 12]);
    const reclaim = plane.blobs.app.get(RetiredExtentReclaim);
    expect(await reclaim.sweep()).toBe(0); // within the grace period (RETIRED_EXTENT_GRACE_SECONDS, 900)
    expect(inFiles(before)).toHaveLength(12);
    expect(await reclaim.sweep(new Date(Date.now() + 901_000))).toBeGreaterThanOrEqual(14);
    expect([await retired(), inFiles(before)]).toEqual([[], []]);
    expect((await download(box, 'overwrite.bin')).length).toBe(20 * MiB);

    // A read that outlasts the grace period of a change to its blob breaks off (never other bytes).
    const blob = box.getBlockBlobClient('overwrite.bin');
    const body = (await blob.download(0, undefined, { maxRetryRequests: 0 })).readableStreamBody!;
    await new Promise((resolve) => body.once('data', () => resolve(body.pause())));
    await blob.upload('short', 5);
    await reclaim.sweep(new Date(Date.now() + 901_000));
    await expect((async () => {
      for await (const chunk of body) void chunk;
    })()).rejects.toThrow();
  });
});

describe('the seed: toggling encryption changes only new writes', () => {
  it('write unencrypted, enable, write, disable, write: each blob keeps its state and reads back byte for byte', async () => {
    const service = await newAccount('toggleacct');
    const container = service.getContainerClient('toggle');
    await container.create();
    const data = [randomBytes(MiB + 1), randomBytes(2 * MiB), randomBytes(300_000)];
    const mixedBlocks = [randomBytes(100_000), randomBytes(100_000)];
    const [first, second] = [0, 1].map((i) => Buffer.from(`block-${i}`).toString('base64'));

    await container.getBlockBlobClient('before.bin').uploadData(data[0]);
    await container.getBlockBlobClient('mixed.bin').stageBlock(first, mixedBlocks[0], mixedBlocks[0].length);
    await setEncryption('toggleacct', true);
    await container.getBlockBlobClient('during.bin').uploadData(data[1]);
    await container.getBlockBlobClient('mixed.bin').stageBlock(second, mixedBlocks[1], mixedBlocks[1].length);
    await container.getBlockBlobClient('mixed.bin').commitBlockList([first, second]);
    // New metadata on an old blob is encrypted, but its data is not: still false.
    await container.getBlockBlobClient('before.bin').setMetadata({ note: 'touched while encrypting' });
    await setEncryption('toggleacct', false);
    await container.getBlockBlobClient('after.bin').uploadData(data[2]);

    expect(
      await Promise.all(['before.bin', 'during.bin', 'mixed.bin', 'after.bin'].map((name) => isServerEncrypted(container, name))),
    ).toEqual([false, true, false, false]);
    expect((await download(container, 'before.bin')).equals(data[0])).toBe(true);
    expect((await download(container, 'during.bin')).equals(data[1])).toBe(true);
    expect((await download(container, 'mixed.bin')).equals(Buffer.concat(mixedBlocks))).toBe(true);
    expect((await download(container, 'after.bin')).equals(data[2])).toBe(true);
  });
});

describe('at rest', () => {
  let secret: ContainerClient;

  beforeAll(async () => {
    secret = (await newAccount('secretacct', { encrypted: true })).getContainerClient('vault');
    await secret.create();
    const plain = (await newAccount('plainacct')).getContainerClient('open');
    await plain.create();
    // The marker in data (many times, across packages and extents) and in metadata.
    const body = Buffer.from(`${SECRET_MARKER}\n`.repeat(Math.ceil((5 * MiB) / SECRET_MARKER.length)));
    await secret.getBlockBlobClient('marked.txt').uploadData(body, { metadata: { note: SECRET_MARKER } });
    await secret.getBlockBlobClient('staged.txt').uploadData(body.subarray(0, 3 * MiB), { maxSingleShotSize: MiB, blockSize: MiB, metadata: { note: SECRET_MARKER } });
    await secret.getBlockBlobClient('small.txt').upload(SECRET_MARKER, SECRET_MARKER.length);
    await plain.getBlockBlobClient('marked.txt').upload(PLAIN_MARKER, PLAIN_MARKER.length, { metadata: { note: PLAIN_MARKER } });
    // Large enough for extent files (small extents stay inline): the scan must find the marker there too.
    await plain.getBlockBlobClient('big.txt').uploadData(Buffer.from(`${PLAIN_MARKER}\n`.repeat(Math.ceil(MiB / PLAIN_MARKER.length))));
  });

  it('with encryption on, the marker is nowhere in the region store (data, metadata, outbox) nor on atrest.blobs; with it off the scan finds it', async () => {
    expect(await scanForMarker(plane.raw, SECRET_MARKER)).toEqual([]);
    expect(await scanForMarker(plane.raw, PLAIN_MARKER)).toEqual([EXTENT_FILES, 'extents.packages']);
    expect(await scanForMarker(plane.blobs.db, SECRET_MARKER)).toEqual([]);
    const messages = await new KafkaProbe(plane.ctx.kafkaBrokers).readAll(`${plane.ctx.topicPrefix}${Topics.blobs}`, { atLeast: 10_000, timeoutMs: 3_000 });
    expect(messages.some((m) => m.value!.includes(SECRET_MARKER))).toBe(false);
    expect((await secret.getBlockBlobClient('small.txt').downloadToBuffer()).toString()).toBe(SECRET_MARKER);
  });

  it('seals every write of the minute with one data key (ADR 0005), and hands the replicator ciphertext only', async () => {
    const keys = await store.query(`SELECT key_id, kek_version FROM data_keys WHERE account_name = 'secretacct'`);
    expect(keys).toEqual([{ key_id: expect.any(String), kek_version: 1 }]);
    const [{ id }] = await store.query(`SELECT id FROM extents WHERE account_name = 'secretacct' AND kind = 'data' LIMIT 1`);
    const raw = await fetch(`${plane.blobs.base}/internal/regions/eastus/extents/${id}`);
    expect([raw.status, raw.headers.get('x-atrest-extent-encrypted'), raw.headers.get('x-atrest-extent-key-id')]).toEqual([200, 'true', keys[0].key_id]);
    expect(Buffer.from(await raw.arrayBuffer()).includes(Buffer.from(SECRET_MARKER))).toBe(false);
  });

  it('after a key rotation, new writes use the new KEK version at once; older data still reads', async () => {
    expect((await plane.kms.call('POST', plane.encryptionKeysPath('secretacct', '/rotate'))).status).toBe(200);
    const fresh = randomBytes(10_000);
    await waitFor(
      async () => {
        await secret.getBlockBlobClient('rotated.bin').upload(fresh, fresh.length);
        const [{ version }] = await store.query(
          `SELECT k.kek_version AS version FROM blob_blocks b JOIN extents e ON e.id = ANY(b.extent_ids) JOIN data_keys k ON k.key_id = e.data_key_id
            WHERE b.account_name = 'secretacct' AND b.blob_name = 'rotated.bin'`,
        );
        return version === 2;
      },
      { what: 'a write sealed under KEK version 2' },
    );
    expect((await secret.getBlockBlobClient('rotated.bin').downloadToBuffer()).equals(fresh)).toBe(true);
    expect((await secret.getBlockBlobClient('small.txt').downloadToBuffer()).toString()).toBe(SECRET_MARKER);
  });

  describe('tampering: the read fails cleanly (500 InternalError or a cut connection), never with wrong bytes', () => {
    const extentsOf = async (blob: string): Promise<string[]> =>
      (await store.query(`SELECT extent_ids FROM blob_blocks WHERE account_name = 'secretacct' AND blob_name = $1 ORDER BY ordinal`, [blob])).flatMap(
        (r: { extent_ids: string[] }) => r.extent_ids,
      );
    const flip = (extentId: string, at: number) => flipStoredByte(plane.raw, extentId, at);

    it('one flipped byte in the first packages: 500 InternalError; restored, it reads again', async () => {
      const [extent] = await extentsOf('small.txt');
      await flip(extent, 20);
      expect(await refusal(secret.getBlockBlobClient('small.txt').downloadToBuffer())).toEqual({ status: 500, code: 'InternalError' });
      await flip(extent, 20);
      expect((await secret.getBlockBlobClient('small.txt').downloadToBuffer()).toString()).toBe(SECRET_MARKER);
    });

    it('a flipped byte far into a blob: the download breaks off instead of delivering the tampered package', async () => {
      const [extent] = await extentsOf('marked.txt');
      await flip(extent, 40 * (64 * 1024 + 28) + 100);
      await expect(secret.getBlockBlobClient('marked.txt').downloadToBuffer()).rejects.toThrow();
      await flip(extent, 40 * (64 * 1024 + 28) + 100);
      expect((await secret.getBlockBlobClient('marked.txt').downloadToBuffer()).subarray(0, SECRET_MARKER.length).toString()).toBe(SECRET_MARKER);
    });

    it('two extents swapped between blobs (references or bytes): 500 InternalError', async () => {
      const a = (await extentsOf('marked.txt'))[0];
      const b = (await extentsOf('staged.txt'))[0];
      const swapRefs = (x: string, y: string) =>
        store.query(
          `UPDATE blob_blocks SET extent_ids = array_replace(extent_ids, $1::uuid, $2::uuid) WHERE account_name = 'secretacct' AND blob_name = $3`,
          [x, y, 'staged.txt'],
        );
      await swapRefs(b, a);
      expect(await refusal(secret.getBlockBlobClient('staged.txt').downloadToBuffer())).toEqual({ status: 500, code: 'InternalError' });
      await swapRefs(a, b);

      // Same-sized extents with their stored bytes exchanged: the bytes authenticate only where they were sealed.
      const [c, d] = await extentsOf('staged.txt');
      await swapStoredBytes(plane.raw, c, d);
      expect(await refusal(secret.getBlockBlobClient('staged.txt').downloadToBuffer())).toEqual({ status: 500, code: 'InternalError' });
      await swapStoredBytes(plane.raw, c, d);
      expect((await secret.getBlockBlobClient('staged.txt').downloadToBuffer()).length).toBe(3 * MiB);
      expect((await fetch(`${plane.blobs.base}/ready`)).status).toBe(200);
    });

    it('an extent file cut short or gone: 500 InternalError, never other bytes; put back, it reads again', async () => {
      const [extent] = await extentsOf('marked.txt');
      const path = plane.raw.files.pathOf(extent);
      const bytes = (await storedBytes(plane.raw, extent))!;
      await writeFile(path, bytes.subarray(0, bytes.length - 1));
      expect(await refusal(secret.getBlockBlobClient('marked.txt').downloadToBuffer())).toEqual({ status: 500, code: 'InternalError' });
      await unlink(path);
      expect(await refusal(secret.getBlockBlobClient('marked.txt').downloadToBuffer())).toEqual({ status: 500, code: 'InternalError' });
      await writeFile(path, bytes);
      expect((await secret.getBlockBlobClient('marked.txt').downloadToBuffer()).subarray(0, SECRET_MARKER.length).toString()).toBe(SECRET_MARKER);
    });
  });
});

describe('customer-managed key revocation', () => {
  it('revoked: reads and writes fail with 403 KeyVaultEncryptionKeyNotFound within the bound; restored: readable byte for byte', async () => {
    const service = await newAccount('cmkacct', { encrypted: true });
    const container = service.getContainerClient('cmk');
    await container.create();
    expect((await plane.kms.call('PUT', VAULT_KEY, { key: randomBytes(32).toString('base64') })).status).toBe(201);
    // The account's key source, set as a customer does: PATCH properties.encryption through the gateway.
    const account = plane.encryptionKeysPath('cmkacct').replace('/encryptionKeys', '');
    const configured = await callGateway(plane.gateway, account, {
      method: 'PATCH',
      bearer: await plane.gateway.token([account.split('/')[2]]),
      body: { properties: { encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyname: 'sse-key', keyversion: 'v1', keyvaulturi: 'https://dpvault.vault.azure.net' } } } },
    });
    expect([configured.status, configured.body.properties.provisioningState, configured.body.properties.encryption.keySource]).toEqual([200, 'Succeeded', 'Microsoft.Keyvault']);
    const data = randomBytes(2 * MiB);
    await container.getBlockBlobClient('kept.bin').uploadData(data);

    const revokedAt = Date.now();
    expect((await plane.kms.call('POST', `${VAULT_KEY}/revoke`)).status).toBe(200);
    const refused = await waitFor(
      async () => {
        const answer = await refusal(container.getBlockBlobClient('kept.bin').downloadToBuffer()).catch(() => undefined);
        return answer?.status === 403 && answer;
      },
      { what: 'reads refused after revocation', timeoutMs: 20_000, intervalMs: 100 },
    );
    // ADR 0006: as soon as KeyRevoked is consumed (typically well under a second), at most DEK_CACHE_TTL_SECONDS.
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    expect(refused).toEqual({ status: 403, code: 'KeyVaultEncryptionKeyNotFound' });
    expect(await refusal(container.getBlockBlobClient('new.bin').uploadData(randomBytes(1000)))).toEqual({ status: 403, code: 'KeyVaultEncryptionKeyNotFound' });
    expect(await refusal(container.getBlobClient('kept.bin').getProperties())).toEqual({ status: 403, code: 'KeyVaultEncryptionKeyNotFound' });

    expect((await plane.kms.call('POST', `${VAULT_KEY}/restore`)).status).toBe(200);
    const restored = await waitFor(async () => container.getBlockBlobClient('kept.bin').downloadToBuffer().catch(() => undefined), {
      what: 'reads back after restore',
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(restored.equals(data)).toBe(true);
    expect((await container.getBlockBlobClient('new.bin').uploadData(randomBytes(1000))).isServerEncrypted).toBe(true);
  });
});
