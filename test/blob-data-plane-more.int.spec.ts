import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  AccountSASPermissions,
  AnonymousCredential,
  BlobBatch,
  BlobClient,
  BlobSASPermissions,
  BlobServiceClient,
  RestError,
  SASProtocol,
  type StoragePipelineOptions,
  BlockBlobClient,
  ContainerClient,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  type PageBlobClient,
} from '@azure/storage-blob';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { EXTENT_FILES, flipStoredByte, scanForMarker, storedCounts } from '../apps/blob-data-service/src/testing/raw-storage';
import { download, isServerEncrypted, md5, MiB, refusal, startDataPlane, type DataPlane } from './blob-data-plane.fixture';

// Issue 5's append blobs, page blobs and Copy Blob end to end, with the real
// @azure/storage-blob client through the gateway (blob-data-plane.fixture.ts):
// appends with their conditions, sparse page writes, page ranges, clears,
// resizes and holes, copies into an encrypted account (the seed's "copy"
// path), then the store's raw rows and files: no plaintext in append and page extents,
// tampering with them detected, and the seed's toggle scenario on a page blob.

const KiB = 1024;
const SECRET_MARKER = `atrest-secret-more-${randomUUID()}`;
const PLAIN_MARKER = `atrest-plain-more-${randomUUID()}`;

let plane: DataPlane;

beforeAll(async () => {
  plane = await startDataPlane('blob-data-plane-more');
}, 180_000);

afterAll(() => plane?.close());

/** A container of a new account (created through the management plane), made now. */
const containerOf = async (account: string, container: string, options?: { encrypted?: boolean }): Promise<ContainerClient> => {
  const client = (await plane.newAccount(account, options)).getContainerClient(container);
  await client.create();
  return client;
};

/** The written ranges as the client lists them (both ends inclusive). */
const pageRanges = async (disk: PageBlobClient, offset?: number, count?: number): Promise<Array<{ start: number; end: number }>> => {
  const ranges: Array<{ start: number; end: number }> = [];
  for await (const range of disk.listPageRanges(offset, count)) ranges.push({ start: range.start, end: range.end });
  return ranges;
};

/** `count` bytes of the marker, repeated. */
const marked = (marker: string, count: number): Buffer => Buffer.from(`${marker}\n`.repeat(Math.ceil(count / (marker.length + 1)))).subarray(0, count);

describe('append blobs with the real Azure client', () => {
  it('creates, appends with append-position and max-size conditions, and reads back byte for byte', async () => {
    const logs = await containerOf('appendacct', 'logs');
    const log = logs.getAppendBlobClient('app.log');
    await log.create({ metadata: { kind: 'log' }, blobHTTPHeaders: { blobContentType: 'text/plain' } });
    const parts = [randomBytes(1000), randomBytes(4 * MiB), randomBytes(70 * KiB)];
    let offset = 0;
    for (const [i, part] of parts.entries()) {
      const appended = await log.appendBlock(part, part.length, { conditions: { appendPosition: offset } });
      expect([appended.blobAppendOffset, appended.blobCommittedBlockCount, appended.isServerEncrypted]).toEqual([String(offset), i + 1, false]);
      offset += part.length;
    }
    expect(await refusal(log.appendBlock(Buffer.from('late'), 4, { conditions: { appendPosition: 10 } }))).toEqual({ status: 412, code: 'AppendPositionConditionNotMet' });
    expect(await refusal(log.appendBlock(Buffer.from('big'), 3, { conditions: { maxSize: offset + 2 } }))).toEqual({ status: 412, code: 'MaxBlobSizeConditionNotMet' });
    expect(await refusal(log.appendBlock(randomBytes(4 * MiB + 1), 4 * MiB + 1))).toEqual({ status: 413, code: 'RequestBodyTooLarge' });
    expect(await refusal(logs.getAppendBlobClient('none').appendBlock(Buffer.from('x'), 1))).toEqual({ status: 404, code: 'BlobNotFound' });

    expect((await download(logs, 'app.log')).equals(Buffer.concat(parts))).toBe(true);
    const props = await log.getProperties();
    expect([props.blobType, props.blobCommittedBlockCount, props.contentLength, props.metadata, props.contentType]).toEqual(['AppendBlob', 3, offset, { kind: 'log' }, 'text/plain']);
    expect((await log.downloadToBuffer(999, 2)).equals(Buffer.concat(parts).subarray(999, 1001))).toBe(true);
  });
});

describe('page blobs with the real Azure client', () => {
  it('writes sparse pages, lists page ranges, clears, resizes, and reads holes as zeros', async () => {
    const disks = await containerOf('pageacct', 'disks');
    const disk = disks.getPageBlobClient('data.vhd');
    await disk.create(4 * MiB, { blobSequenceNumber: 3 });
    const [a, b] = [randomBytes(64 * KiB), randomBytes(MiB)];
    expect((await disk.uploadPages(a, 0, a.length)).isServerEncrypted).toBe(false);
    await disk.uploadPages(b, 2 * MiB, b.length);
    await disk.clearPages(16 * KiB, 8 * KiB);
    expect(await pageRanges(disk)).toEqual([
      { start: 0, end: 16 * KiB - 1 },
      { start: 24 * KiB, end: 64 * KiB - 1 },
      { start: 2 * MiB, end: 3 * MiB - 1 },
    ]);
    expect(await pageRanges(disk, 2 * MiB + 512, 1024)).toEqual([{ start: 2 * MiB + 512, end: 2 * MiB + 1535 }]);

    const expected = Buffer.alloc(4 * MiB);
    a.copy(expected, 0);
    expected.fill(0, 16 * KiB, 24 * KiB);
    b.copy(expected, 2 * MiB);
    expect((await download(disks, 'data.vhd')).equals(expected)).toBe(true);
    expect((await disk.downloadToBuffer(MiB, 4096)).equals(Buffer.alloc(4096))).toBe(true);

    await disk.resize(2 * MiB + 4096);
    await disk.resize(3 * MiB);
    const resized = await download(disks, 'data.vhd');
    expect(resized.length).toBe(3 * MiB);
    expect(resized.subarray(0, 2 * MiB + 4096).equals(expected.subarray(0, 2 * MiB + 4096))).toBe(true);
    expect(resized.subarray(2 * MiB + 4096).equals(Buffer.alloc(MiB - 4096))).toBe(true);
    const props = await disk.getProperties();
    expect([props.blobType, props.blobSequenceNumber, props.contentLength]).toEqual(['PageBlob', 3, 3 * MiB]);
  });

  it('lists page ranges a page at a time (maxresults, NextMarker), within a range too; a bad maxresults or marker is 400', async () => {
    const disks = await containerOf('pagelistacct', 'disks');
    const disk = disks.getPageBlobClient('paged.vhd');
    await disk.create(MiB);
    // Five separate ranges, the second written in two adjacent halves (listed as one).
    for (const [offset, length] of [[0, 512], [8 * KiB, 1024], [9 * KiB, 1024], [64 * KiB, 4096], [128 * KiB, 512], [512 * KiB, 512]])
      await disk.uploadPages(randomBytes(length), offset, length);
    const all = [
      { start: 0, end: 511 },
      { start: 8 * KiB, end: 10 * KiB - 1 },
      { start: 64 * KiB, end: 68 * KiB - 1 },
      { start: 128 * KiB, end: 128 * KiB + 511 },
      { start: 512 * KiB, end: 512 * KiB + 511 },
    ];
    const pages: Array<Array<{ start: number; end: number }>> = [];
    for await (const page of disk.listPageRanges().byPage({ maxPageSize: 2 })) pages.push((page.pageRange ?? []).map((r) => ({ start: r.start, end: r.end })));
    expect(pages).toEqual([all.slice(0, 2), all.slice(2, 4), all.slice(4)]);
    const inRange: Array<{ start: number; end: number }> = [];
    for await (const page of disk.listPageRanges(9 * KiB, 120 * KiB).byPage({ maxPageSize: 1 })) inRange.push(...(page.pageRange ?? []).map((r) => ({ start: r.start, end: r.end })));
    expect(inRange).toEqual([{ start: 9 * KiB, end: 10 * KiB - 1 }, all[2], all[3]]);

    // Straight to blob-data-service: its own refusals.
    const pagelist = (query: string) => plane.blobs.call('GET', `pagelistacct/disks/paged.vhd?comp=pagelist&${query}`);
    const last = await pagelist('maxresults=20000');
    expect(last.text).toContain('<NextMarker /></PageList>');
    expect(last.text.match(/<PageRange>/g)).toHaveLength(5);
    for (const query of ['maxresults=0', 'maxresults=two', 'marker=not-ours', `marker=${Buffer.from('12a').toString('base64url')}`])
      expect([query, (await pagelist(query)).status, (await pagelist(query)).code]).toEqual([query, 400, 'InvalidQueryParameterValue']);
  });

  it('a download under way while pages are cleared delivers the pages as they were when it began, past its first 1,000 ranges too', async () => {
    const disks = await containerOf('pagereadraceacct', 'disks', { encrypted: true });
    const disk = disks.getPageBlobClient('many.vhd');
    const STRIDE = 32 * KiB;
    const RANGES = 1_050;
    await disk.create(RANGES * STRIDE);
    const page = (i: number) => marked(`page ${i}`, 512);
    for (let next = 0; next < RANGES; ) await Promise.all(Array.from({ length: 8 }, () => next++).map((i) => i < RANGES && disk.uploadPages(page(i), i * STRIDE, 512)));
    const expected = Buffer.alloc(RANGES * STRIDE);
    for (let i = 0; i < RANGES; i++) page(i).copy(expected, i * STRIDE);

    const body = (await disk.download(0, undefined, { maxRetryRequests: 0 })).readableStreamBody!;
    const received: Buffer[] = [
      await new Promise<Buffer>((resolve) =>
        body.once('data', (chunk: Buffer) => {
          body.pause();
          resolve(chunk);
        }),
      ),
    ];
    // Ranges 1,000 on: once fetched as the read reached them; now taken with the blob's row.
    await disk.clearPages(1_000 * STRIDE, (RANGES - 1_000) * STRIDE);
    for await (const chunk of body) received.push(chunk as Buffer);
    expect(Buffer.concat(received).equals(expected)).toBe(true);
    expect(await pageRanges(disk)).toHaveLength(1_000);
  });

  it('refuses misaligned pages (InvalidPageRange) and a misaligned size, storing nothing', async () => {
    const disks = (await plane.newAccount('pageacct2')).getContainerClient('disks');
    await disks.create();
    const disk = disks.getPageBlobClient('d.vhd');
    await disk.create(MiB);
    const extents = () => storedCounts(plane.raw);
    const before = await extents();
    expect(await refusal(disk.uploadPages(randomBytes(512), 100, 512))).toEqual({ status: 416, code: 'InvalidPageRange' });
    expect(await refusal(disk.uploadPages(randomBytes(1000), 0, 1000))).toEqual({ status: 416, code: 'InvalidPageRange' });
    expect(await refusal(disk.uploadPages(randomBytes(512), MiB, 512))).toEqual({ status: 416, code: 'InvalidPageRange' });
    expect(await refusal(disks.getPageBlobClient('odd.vhd').create(1000))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await extents()).toEqual(before);
    expect((await fetch(`${plane.blobs.base}/ready`)).status).toBe(200);
  });
});

describe('Get Account Information with the real Azure client', () => {
  it('answers at the account, a container and a blob: the SKU and kind account-service knows, no hierarchical namespace', async () => {
    const service = await plane.newAccount('infoacct');
    const box = service.getContainerClient('box');
    await box.create();
    const blob = box.getBlockBlobClient('a.txt');
    await blob.upload('a', 1);
    for (const info of [await service.getAccountInfo(), await box.getAccountInfo(), await blob.getAccountInfo()])
      expect([info.skuName, info.accountKind, info.isHierarchicalNamespaceEnabled]).toEqual(['Standard_LRS', 'StorageV2', false]);
    // Every answer echoes the id the client gave its request, as Azure's do.
    const written = await blob.upload('b', 1);
    expect(written.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.clientRequestId).toBe(written._response.request.headers.get('x-ms-client-request-id'));
  });
});

describe('Blob service properties with the real Azure client', () => {
  it('reads them all off (no logging, metrics, CORS, soft delete or static website), and refuses to set them, changing nothing', async () => {
    const service = await plane.newAccount('svcpropsacct');
    const off = { enabled: false };
    const expected = {
      blobAnalyticsLogging: { version: '1.0', deleteProperty: false, read: false, write: false, retentionPolicy: off },
      hourMetrics: { version: '1.0', enabled: false, retentionPolicy: off },
      minuteMetrics: { version: '1.0', enabled: false, retentionPolicy: off },
      deleteRetentionPolicy: off,
      staticWebsite: off,
    };
    expect(await service.getProperties()).toMatchObject(expected);
    expect(await refusal(service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 7 } }))).toEqual({ status: 400, code: 'InvalidQueryParameterValue' });
    expect(await service.getProperties()).toMatchObject(expected);
  });
});

describe('encryption a request names: honoured or refused, never ignored', () => {
  const OWN = '$account-encryption-key';

  it('takes the account’s own encryption scope on containers, writes and SAS; refuses any other, storing nothing', async () => {
    const service = await plane.newAccount('scopeacct', { encrypted: true });
    const docs = service.getContainerClient('docs');
    await docs.create({ containerEncryptionScope: { defaultEncryptionScope: OWN, preventEncryptionScopeOverride: true } });
    await service.getContainerClient('plain').create();
    const props = await docs.getProperties();
    expect([props.defaultEncryptionScope, props.denyEncryptionScopeOverride]).toEqual([OWN, true]);
    const listed: Array<[string, string | undefined, boolean | undefined]> = [];
    for await (const c of service.listContainers()) listed.push([c.name, c.properties.defaultEncryptionScope, c.properties.preventEncryptionScopeOverride]);
    expect(listed).toEqual([
      ['docs', OWN, true],
      ['plain', OWN, false],
    ]);
    const other = service.getContainerClient('tenant-a-docs');
    expect(await refusal(other.create({ containerEncryptionScope: { defaultEncryptionScope: 'tenant-a', preventEncryptionScopeOverride: true } }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await other.exists()).toBe(false);

    const report = docs.getBlockBlobClient('report.txt');
    const written = await report.upload('quarterly', 9, { encryptionScope: OWN });
    expect(written.isServerEncrypted).toBe(true);
    const stray = docs.getBlockBlobClient('stray.txt');
    const block = Buffer.from('block-000').toString('base64');
    expect(await refusal(stray.upload('stray', 5, { encryptionScope: 'tenant-a' }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(stray.stageBlock(block, Buffer.from('stray'), 5, { encryptionScope: 'tenant-a' }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(report.setMetadata({ owner: 'b' }, { encryptionScope: 'tenant-a' }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await stray.exists()).toBe(false);
    // Nothing staged either: a name with staged blocks has a block list.
    expect(await refusal(stray.getBlockList('uncommitted'))).toEqual({ status: 404, code: 'BlobNotFound' });
    const kept = await report.getProperties();
    expect([kept.metadata, kept.isServerEncrypted, (await report.downloadToBuffer()).toString()]).toEqual([{}, true, 'quarterly']);

    // A SAS signing a scope (ses) makes its writes use it: only the account's own is taken.
    const sasFor = async (encryptionScope: string) =>
      new BlockBlobClient(await report.generateSasUrl({ permissions: BlobSASPermissions.parse('rw'), expiresOn: new Date(Date.now() + 3_600_000), encryptionScope }));
    await expect((await sasFor(OWN)).upload('signed', 6)).resolves.toMatchObject({ isServerEncrypted: true });
    expect(await refusal((await sasFor('tenant-a')).upload('stray', 5))).toEqual({ status: 403, code: 'AuthenticationFailed' });
    expect((await report.downloadToBuffer()).toString()).toBe('signed');
  });

  it('refuses a customer-provided key at the gateway (HTTP), naming the header and never echoing the key; the algorithm header alone is no key', async () => {
    const service = await plane.newAccount('cpkacct', { encrypted: true });
    const box = service.getContainerClient('box');
    await box.create();
    // The SDK will not send a customer-provided key over HTTP; curl would, with a SAS URL.
    const urlOf = async (name: string) =>
      box.getBlockBlobClient(name).generateSasUrl({ permissions: BlobSASPermissions.parse('rw'), expiresOn: new Date(Date.now() + 3_600_000) });
    const key = randomBytes(32);
    const cpk = { 'x-ms-encryption-key': key.toString('base64'), 'x-ms-encryption-key-sha256': createHash('sha256').update(key).digest('base64'), 'x-ms-encryption-algorithm': 'AES256' };
    const put = (url: string, headers: Record<string, string>) =>
      fetch(url, { method: 'PUT', headers: { 'x-ms-version': '2025-11-05', 'x-ms-blob-type': 'BlockBlob', 'content-type': 'text/plain', ...headers }, body: 'mine alone' });

    const refused = await put(await urlOf('mine.txt'), cpk);
    const body = await refused.text();
    expect([refused.status, refused.headers.get('x-ms-error-code')]).toEqual([400, 'UnsupportedHeader']);
    expect(body).toContain('<HeaderName>x-ms-encryption-key</HeaderName>');
    expect(body).not.toContain(cpk['x-ms-encryption-key']);
    expect(await box.getBlobClient('mine.txt').exists()).toBe(false);
    const read = await fetch(await urlOf('mine.txt'), { headers: { 'x-ms-version': '2025-11-05', 'x-ms-encryption-key-sha256': cpk['x-ms-encryption-key-sha256'] } });
    expect([read.status, read.headers.get('x-ms-error-code')]).toEqual([400, 'UnsupportedHeader']);

    const plain = await put(await urlOf('plain.txt'), { 'x-ms-encryption-algorithm': 'AES256' });
    expect([plain.status, plain.headers.get('x-ms-request-server-encrypted')]).toEqual([201, 'true']);
    expect((await box.getBlobClient('plain.txt').downloadToBuffer()).toString()).toBe('mine alone');
  });
});

describe('the Blob endpoint over HTTPS', () => {
  it('serves the SDK over TLS with the dev CA\'s certificate: a SAS for HTTPS only holds there, a customer-provided key is still refused', async () => {
    const http = await plane.newAccount('httpsacct', { encrypted: true });
    await http.getContainerClient('box').create();
    // core-rest-pipeline's tlsOptions reach the SDK's pipeline through its options (NODE_EXTRA_CA_CERTS is read at process start).
    const tls = { retryOptions: { maxTries: 1 }, tlsOptions: { ca: plane.gateway.caCert } } as StoragePipelineOptions;
    const https = new BlobServiceClient(`${plane.gateway.blobHttpsUrl}/httpsacct`, http.credential as StorageSharedKeyCredential, tls);
    const box = https.getContainerClient('box');
    const data = randomBytes(3 * MiB + 9);
    expect((await box.getBlockBlobClient('tls.bin').uploadData(data)).isServerEncrypted).toBe(true);
    expect((await download(http.getContainerClient('box'), 'tls.bin')).equals(data)).toBe(true);
    expect((await box.getBlobClient('tls.bin').downloadToBuffer()).equals(data)).toBe(true);

    // spr=https: the SDK signs for HTTPS only; the same token over HTTP is refused.
    const sas = await box.getBlobClient('tls.bin').generateSasUrl({ permissions: BlobSASPermissions.parse('r'), expiresOn: new Date(Date.now() + 3_600_000), protocol: SASProtocol.Https });
    expect((await new BlobClient(sas, new AnonymousCredential(), tls).downloadToBuffer()).equals(data)).toBe(true);
    const overHttp = await fetch(sas.replace(plane.gateway.blobHttpsUrl, plane.gateway.blobUrl), { headers: { 'x-ms-version': '2025-11-05' } });
    expect([overHttp.status, overHttp.headers.get('x-ms-error-code')]).toEqual([403, 'AuthorizationProtocolMismatch']);

    // The SDK sends a customer-provided key over HTTPS: refused, saying atrest takes none (not that the request came over HTTP).
    const key = randomBytes(32);
    const customerProvidedKey = { encryptionKey: key.toString('base64'), encryptionKeySha256: createHash('sha256').update(key).digest('base64'), encryptionAlgorithm: 'AES256' as const };
    const refused = await box.getBlockBlobClient('mine.bin').upload('mine', 4, { customerProvidedKey }).catch((error: RestError) => error);
    expect([refused instanceof RestError && refused.statusCode, (refused as RestError).code]).toEqual([400, 'UnsupportedHeader']);
    expect((refused as RestError).message).toContain('atrest does not take customer-provided encryption keys');
    expect(await box.getBlobClient('mine.bin').exists()).toBe(false);
  });

  it('refuses HTTP for an account with supportsHttpsTrafficOnly (false unless asked, unlike Azure), within the gateway\'s cache of the account', async () => {
    const http = await plane.newAccount('httpsonlyacct');
    const tls = { retryOptions: { maxTries: 1 }, tlsOptions: { ca: plane.gateway.caCert } } as StoragePipelineOptions;
    const https = new BlobServiceClient(`${plane.gateway.blobHttpsUrl}/httpsonlyacct`, http.credential as StorageSharedKeyCredential, tls);
    await http.getContainerClient('box').create();

    await plane.setHttpsOnly('httpsonlyacct', true);
    const overHttp = () =>
      http
        .getContainerClient('box')
        .getProperties()
        .then(() => 'taken', (error: RestError) => error.code);
    await waitFor(async () => (await overHttp()) === 'AccountRequiresHttps', { what: 'HTTP refused', timeoutMs: 15_000 });
    expect(await refusal(http.getContainerClient('box').getBlockBlobClient('plain.txt').upload('x', 1))).toEqual({ status: 400, code: 'AccountRequiresHttps' });
    await https.getContainerClient('box').getBlockBlobClient('tls.txt').upload('over TLS', 8);
    expect((await https.getContainerClient('box').getBlobClient('tls.txt').downloadToBuffer()).toString()).toBe('over TLS');

    await plane.setHttpsOnly('httpsonlyacct', false);
    await waitFor(async () => (await overHttp()) === 'taken', { what: 'HTTP taken again', timeoutMs: 15_000 });
    expect((await http.getContainerClient('box').getBlobClient('tls.txt').downloadToBuffer()).toString()).toBe('over TLS');
  });
});

describe('headers that change what a request does: evaluated or refused, never ignored', () => {
  it('applies x-ms-if-sequence-number-* to Put Page (update, clear, From URL): 412 SequenceNumberConditionNotMet, nothing written', async () => {
    const disks = await containerOf('seqacct', 'disks');
    const disk = disks.getPageBlobClient('disk.vhd');
    await disk.create(8 * KiB, { blobSequenceNumber: 5 });
    const page = randomBytes(512);
    await disk.uploadPages(page, 0, 512, { conditions: { ifSequenceNumberLessThanOrEqualTo: 5, ifSequenceNumberLessThan: 6, ifSequenceNumberEqualTo: 5 } });
    expect(await refusal(disk.uploadPages(randomBytes(512), 512, 512, { conditions: { ifSequenceNumberLessThan: 5 } }))).toEqual({ status: 412, code: 'SequenceNumberConditionNotMet' });
    expect(await refusal(disk.clearPages(0, 512, { conditions: { ifSequenceNumberEqualTo: 4 } }))).toEqual({ status: 412, code: 'SequenceNumberConditionNotMet' });
    const source = disks.getPageBlobClient('source.vhd');
    await source.create(512);
    await source.uploadPages(randomBytes(512), 0, 512);
    expect(await refusal(disk.uploadPagesFromURL(source.url, 0, 1024, 512, { conditions: { ifSequenceNumberLessThanOrEqualTo: 4 } }))).toEqual({ status: 412, code: 'SequenceNumberConditionNotMet' });
    expect(await pageRanges(disk)).toEqual([{ start: 0, end: 511 }]);
    expect((await disk.downloadToBuffer(0, 512)).equals(page)).toBe(true);
    await disk.updateSequenceNumber('increment');
    const listed: Array<[string, number | undefined]> = [];
    for await (const item of disks.listBlobsFlat()) listed.push([item.name, item.properties.blobSequenceNumber]);
    expect(listed).toEqual([
      ['disk.vhd', 6],
      ['source.vhd', 0],
    ]);
    await disk.clearPages(0, 512, { conditions: { ifSequenceNumberEqualTo: 6 } });
    expect(await pageRanges(disk)).toEqual([]);
  });

  it('applies x-ms-source-if-* to Copy Blob and the From URL writes: 412 SourceConditionNotMet once the source changed', async () => {
    const box = await containerOf('srccondacct', 'box');
    const source = box.getBlockBlobClient('source.txt');
    const { etag: first } = await source.upload('version one', 11);
    const copy = box.getBlockBlobClient('copy.txt');
    await copy.syncCopyFromURL(source.url, { sourceConditions: { ifMatch: first } });
    const { etag: second } = await source.upload('version two', 11);
    const changed = { status: 412, code: 'SourceConditionNotMet' };
    expect(await refusal(copy.syncCopyFromURL(source.url, { sourceConditions: { ifMatch: first } }))).toEqual(changed);
    expect(await refusal(copy.syncUploadFromURL(source.url, { sourceConditions: { ifNoneMatch: second } }))).toEqual(changed);
    expect(await refusal(copy.syncUploadFromURL(source.url, { sourceConditions: { ifUnmodifiedSince: new Date(Date.now() - 3_600_000) } }))).toEqual(changed);
    const log = box.getAppendBlobClient('log.txt');
    await log.create();
    expect(await refusal(log.appendBlockFromURL(source.url, 0, 11, { sourceConditions: { ifModifiedSince: new Date(Date.now() + 3_600_000) } }))).toEqual(changed);
    expect([(await copy.downloadToBuffer()).toString(), (await log.getProperties()).contentLength]).toEqual(['version one', 0]);
    await copy.syncUploadFromURL(source.url, { sourceConditions: { ifMatch: second } });
    expect((await copy.downloadToBuffer()).toString()).toBe('version two');
    // The content's MD5 the client expects is checked on Copy Blob as on the From URL writes.
    expect(await refusal(copy.syncCopyFromURL(source.url, { sourceContentMD5: createHash('md5').update('version one').digest() }))).toEqual({ status: 400, code: 'Md5Mismatch' });
    await copy.syncCopyFromURL(source.url, { sourceContentMD5: createHash('md5').update('version two').digest() });
  });

  it('answers Abort Copy Blob as Azure does once a copy is done: every atrest copy completes within its request', async () => {
    const box = await containerOf('abortcopyacct', 'box');
    const source = box.getBlockBlobClient('source.txt');
    await source.upload('copied', 6);
    const copy = box.getBlockBlobClient('copy.txt');
    const { copyId } = await copy.syncCopyFromURL(source.url);
    expect(await refusal(copy.abortCopyFromURL(copyId!))).toEqual({ status: 409, code: 'NoPendingCopyOperation' });
    expect(await refusal(copy.abortCopyFromURL(randomUUID()))).toEqual({ status: 409, code: 'CopyIdMismatch' });
    expect(await refusal(source.abortCopyFromURL(copyId!))).toEqual({ status: 409, code: 'CopyIdMismatch' });
    expect(await refusal(box.getBlobClient('none.txt').abortCopyFromURL(copyId!))).toEqual({ status: 404, code: 'BlobNotFound' });
    expect([(await copy.getProperties()).copyStatus, (await copy.downloadToBuffer()).toString()]).toEqual(['success', 'copied']);
    // include=copy lists the same copy properties.
    const listed: Array<[string, string | undefined, string | undefined]> = [];
    for await (const item of box.listBlobsFlat({ includeCopy: true })) listed.push([item.name, item.properties.copyId, item.properties.copyStatus]);
    expect(listed).toEqual([
      ['copy.txt', copyId, 'success'],
      ['source.txt', undefined, undefined],
    ]);
  });

  it('refuses public access, blob index tags and immutability on writes (nothing stored), instead of quietly doing less', async () => {
    const service = await plane.newAccount('unsupportedhdracct');
    const open = service.getContainerClient('open');
    expect(await refusal(open.create({ access: 'blob' }))).toEqual({ status: 409, code: 'PublicAccessNotPermitted' });
    expect(await open.exists()).toBe(false);
    const box = service.getContainerClient('box');
    await box.create();
    const tagged = box.getBlockBlobClient('tagged.txt');
    const unsupported = { status: 400, code: 'UnsupportedHeader' };
    expect(await refusal(tagged.upload('x', 1, { tags: { project: 'atrest' } }))).toEqual(unsupported);
    expect(await refusal(tagged.upload('x', 1, { legalHold: true }))).toEqual(unsupported);
    expect(await tagged.exists()).toBe(false);
    await tagged.upload('x', 1);
    expect(await refusal(tagged.upload('y', 1, { conditions: { tagConditions: `"project" = 'atrest'` } }))).toEqual(unsupported);
    expect((await tagged.downloadToBuffer()).toString()).toBe('x');
  });
});

describe('blob names with control characters', () => {
  it('lists a name XML cannot carry percent-encoded (Encoded="true"), which the client decodes; refuses U+0000 in a name, a prefix or a marker', async () => {
    const container = await containerOf('namesctl', 'names');
    const awkward = 'bell\u0007/tab\there';
    await container.getBlockBlobClient(awkward).upload('x', 1);
    await container.getBlockBlobClient('plain').upload('y', 1);

    const listed: string[] = [];
    for await (const blob of container.listBlobsFlat()) listed.push(blob.name);
    expect(listed).toEqual([awkward, 'plain']);
    const page = (await container.listBlobsFlat().byPage().next()).value as { _response: { bodyAsText: string } };
    expect(page._response.bodyAsText).toContain(`<Name Encoded="true">${encodeURIComponent(awkward)}</Name>`);
    expect(page._response.bodyAsText).not.toMatch(/[\u0000-\u0008]/); // well-formed XML 1.0
    const prefixes: string[] = [];
    for await (const item of container.listBlobsByHierarchy('/')) if (item.kind === 'prefix') prefixes.push(item.name);
    expect(prefixes).toEqual(['bell\u0007/']);
    expect((await download(container, awkward)).toString()).toBe('x');

    expect(await refusal(container.getBlockBlobClient('nul\u0000name').upload('z', 1))).toMatchObject({ status: 400, code: 'InvalidResourceName' });
    expect(await refusal(container.listBlobsFlat({ prefix: 'a\u0000' }).byPage().next())).toMatchObject({ status: 400, code: 'InvalidQueryParameterValue' });
    const nulMarker = Buffer.from('a\u0000', 'utf8').toString('base64url');
    expect(await refusal(container.listBlobsFlat().byPage({ continuationToken: nulMarker }).next())).toMatchObject({ status: 400, code: 'InvalidQueryParameterValue' });
  });
});

describe('List Blobs include=uncommittedblobs with the real Azure client', () => {
  it('lists blobs of staged blocks only as empty block blobs, once each, in name order and pages; refuses an include it does not know', async () => {
    const box = await containerOf('uncommittedacct', 'box', { encrypted: true });
    const committed = box.getBlockBlobClient('committed.txt');
    await committed.upload('kept', 4);
    await committed.stageBlock('YmxvY2stMQ==', 'staged over a committed blob', 28);
    const staged = box.getBlockBlobClient('staged.txt');
    await staged.stageBlock('YmxvY2stMQ==', 'first', 5);
    await staged.stageBlock('YmxvY2stMg==', 'second', 6);
    await box.getBlockBlobClient('dir/inner.txt').stageBlock('YmxvY2stMQ==', 'inner', 5);

    const names = async (options: Parameters<ContainerClient['listBlobsFlat']>[0]) => {
      const listed: string[] = [];
      for await (const item of box.listBlobsFlat(options)) listed.push(item.name);
      return listed;
    };
    expect(await names({})).toEqual(['committed.txt']);
    expect(await names({ includeUncommitedBlobs: true })).toEqual(['committed.txt', 'dir/inner.txt', 'staged.txt']);

    const items = new Map<string, Awaited<ReturnType<ReturnType<ContainerClient['listBlobsFlat']>['next']>>['value']>();
    for await (const item of box.listBlobsFlat({ includeUncommitedBlobs: true, includeMetadata: true })) items.set(item.name, item);
    const uncommitted = items.get('staged.txt')!.properties;
    expect([uncommitted.blobType, uncommitted.contentLength, uncommitted.serverEncrypted, uncommitted.etag !== undefined]).toEqual(['BlockBlob', 0, true, true]);
    expect(uncommitted.createdOn!.getTime()).toBeLessThanOrEqual(uncommitted.lastModified.getTime());
    expect(items.get('committed.txt')!.properties.contentLength).toBe(4);
    // Nothing else reads a blob that was never committed; committing it makes it an ordinary blob.
    expect(await refusal(staged.getProperties())).toEqual({ status: 404, code: 'BlobNotFound' });

    const pages: string[][] = [];
    for await (const page of box.listBlobsFlat({ includeUncommitedBlobs: true }).byPage({ maxPageSize: 2 })) pages.push(page.segment.blobItems.map((b) => b.name));
    expect(pages).toEqual([['committed.txt', 'dir/inner.txt'], ['staged.txt']]);
    const level: string[] = [];
    for await (const item of box.listBlobsByHierarchy('/', { includeUncommitedBlobs: true })) level.push(`${item.kind}:${item.name}`);
    // The SDK yields a page's prefixes before its blobs.
    expect(level).toEqual(['prefix:dir/', 'blob:committed.txt', 'blob:staged.txt']);

    // A block staged once encryption is off: the blob's staged data is no longer all encrypted (the seed's rule, as for committed data).
    await plane.setEncryption('uncommittedacct', false);
    await staged.stageBlock('YmxvY2stMw==', 'plain', 5);
    const serverEncrypted = async () => {
      for await (const item of box.listBlobsFlat({ includeUncommitedBlobs: true, prefix: 'staged' })) return item.properties.serverEncrypted;
    };
    expect(await serverEncrypted()).toBe(false);
    // Committed without it, the blob is its two encrypted blocks.
    await staged.commitBlockList(['YmxvY2stMQ==', 'YmxvY2stMg==']);
    expect(await names({})).toEqual(['committed.txt', 'staged.txt']);
    expect([(await staged.downloadToBuffer()).toString(), await serverEncrypted()]).toEqual(['firstsecond', true]);

    // What the SDK cannot send: an include List Blobs does not know (permissions is for hierarchical namespaces).
    const listing = await box.generateSasUrl({ permissions: ContainerSASPermissions.parse('l'), expiresOn: new Date(Date.now() + 3_600_000) });
    const answer = await fetch(`${listing}&restype=container&comp=list&include=metadata,permissions`, { headers: { 'x-ms-version': '2025-11-05' } });
    expect([answer.status, answer.headers.get('x-ms-error-code')]).toEqual([400, 'InvalidQueryParameterValue']);
    expect(await answer.text()).toContain('include=permissions');
  });
});

describe('Blob Batch with the real Azure client', () => {
  it('deletes and sets tiers of many blobs in one request, each subrequest authorized and answered on its own', async () => {
    const service = await plane.newAccount('batchacct');
    const box = service.getContainerClient('box');
    await box.create();
    const names = ['a.txt', 'b.txt', 'dir/c.txt', 'd.txt'];
    for (const name of names) await box.getBlockBlobClient(name).upload(name, name.length);
    const credential = service.credential as StorageSharedKeyCredential;

    // Set Blob Tier through the container's batch client.
    const tiered = await box.getBlobBatchClient().setBlobsAccessTier(names.slice(0, 2).map((n) => box.getBlobClient(n)), 'Cool');
    expect([tiered._response.status, tiered.subResponsesSucceededCount, tiered.subResponses.map((r) => r.status)]).toEqual([202, 2, [200, 200]]);
    expect((await box.getBlobClient('a.txt').getProperties()).accessTier).toBe('Cool');

    // Delete Blob through the account's: a missing blob and a subrequest signed with a wrong key fail alone.
    const batch = new BlobBatch();
    for (const name of ['a.txt', 'dir/c.txt', 'missing.txt']) await batch.deleteBlob(box.getBlobClient(name).url, credential);
    await batch.deleteBlob(box.getBlobClient('d.txt').url, new StorageSharedKeyCredential('batchacct', randomBytes(64).toString('base64')));
    const deleted = await service.getBlobBatchClient().submitBatch(batch);
    expect(deleted.subResponses.map((r) => [r.status, r.errorCode])).toEqual([
      [202, undefined],
      [202, undefined],
      [404, 'BlobNotFound'],
      [403, 'AuthenticationFailed'],
    ]);
    expect(new Set(deleted.subResponses.map((r) => r.headers.get('x-ms-request-id'))).size).toBe(4);
    const left: string[] = [];
    for await (const item of box.listBlobsFlat()) left.push(item.name);
    expect(left).toEqual(['b.txt', 'd.txt']);

    // What the SDK will not send: a body Azure would refuse whole, refused before any subrequest runs.
    const outer = service.generateAccountSasUrl(new Date(Date.now() + 3_600_000), AccountSASPermissions.parse('rwdl'), 'sco');
    const submit = (body: string, contentType: string) =>
      fetch(`${outer}&comp=batch`, { method: 'POST', headers: { 'x-ms-version': '2025-11-05', 'content-type': contentType }, body });
    const mixed = new BlobBatch();
    await mixed.deleteBlob(box.getBlobClient('b.txt').url, credential);
    const tier = new BlobBatch();
    await tier.setBlobAccessTier(box.getBlobClient('d.txt').url, credential, 'Hot');
    const boundaryOf = (b: BlobBatch) => b.getMultiPartContentType().split('=')[1];
    const partsOf = (b: BlobBatch) => b.getHttpRequestBody().split(`--${boundaryOf(b)}--`)[0];
    const mixedBody = `${partsOf(mixed)}${partsOf(tier).replaceAll(boundaryOf(tier), boundaryOf(mixed)).replace('Content-ID: 0', 'Content-ID: 1')}--${boundaryOf(mixed)}--\r\n`;
    const refusals = [
      [await submit(mixedBody, mixed.getMultiPartContentType()), 'AllBatchSubRequestsShouldBeSameApi'],
      [await submit(mixed.getHttpRequestBody(), 'application/xml'), 'InvalidHeaderValue'],
      [await submit('--x\r\nnot a request\r\n--x--\r\n', 'multipart/mixed; boundary=x'), 'InvalidInput'],
    ] as const;
    for (const [answer, code] of refusals) expect([answer.status, answer.headers.get('x-ms-error-code')]).toEqual([400, code]);
    expect(await box.getBlobClient('b.txt').exists()).toBe(true);

    // Subrequests under a SAS each: the permissions of each one's own SAS decide (d deletes, r does not).
    const sasOf = (permissions: string) => box.getBlobClient('b.txt').generateSasUrl({ permissions: BlobSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3_600_000) });
    const underSas = new BlobBatch();
    await underSas.deleteBlob(await sasOf('r'), new AnonymousCredential());
    await underSas.deleteBlob(await sasOf('d'), new AnonymousCredential());
    const bySas = await service.getBlobBatchClient().submitBatch(underSas);
    expect(bySas.subResponses.map((r) => [r.status, r.errorCode])).toEqual([
      [403, 'AuthorizationPermissionMismatch'],
      [202, undefined],
    ]);
    expect(await box.getBlobClient('b.txt').exists()).toBe(false);
  });
});

describe('snapshots and versions a request names: none exists, so nothing else is read, changed or deleted', () => {
  it('answers 404 for a snapshot or version, 409 for a diff against a previous snapshot, and deletes "only snapshots" as nothing', async () => {
    const box = await containerOf('snapshotacct', 'box');
    const report = box.getBlockBlobClient('report.txt');
    await report.upload('current', 7);
    const snapshot = '2026-11-01T00:00:00.0000000Z';
    const none = { status: 404, code: 'BlobNotFound' };
    expect(await refusal(report.withSnapshot(snapshot).downloadToBuffer())).toEqual(none);
    expect(await refusal(report.withSnapshot(snapshot).getProperties())).toEqual(none);
    expect(await refusal(report.withSnapshot(snapshot).delete())).toEqual(none);
    expect(await refusal(report.withVersion(snapshot).delete())).toEqual(none);
    expect(await refusal(report.withSnapshot(snapshot).setMetadata({ changed: 'yes' }))).toEqual(none);
    const disk = box.getPageBlobClient('disk.vhd');
    await disk.create(4 * KiB);
    expect(await refusal(disk.getPageRangesDiff(0, 4 * KiB, snapshot))).toEqual({ status: 409, code: 'PreviousSnapshotNotFound' });

    await report.delete({ deleteSnapshots: 'only' });
    expect([(await report.downloadToBuffer()).toString(), (await report.getProperties()).metadata]).toEqual(['current', {}]);
    expect(await refusal(box.getBlobClient('none.txt').delete({ deleteSnapshots: 'only' }))).toEqual(none);
    // Permanent deletion is of soft-deleted snapshots and versions, never of the blob itself.
    const permanent = await fetch(await report.generateSasUrl({ permissions: BlobSASPermissions.parse('d'), expiresOn: new Date(Date.now() + 3_600_000) }).then((url) => `${url}&deletetype=permanent`), {
      method: 'DELETE',
      headers: { 'x-ms-version': '2025-11-05' },
    });
    expect([permanent.status, permanent.headers.get('x-ms-error-code'), await report.exists()]).toEqual([400, 'InvalidQueryParameterValue', true]);
    await report.delete({ deleteSnapshots: 'include' });
    expect(await report.exists()).toBe(false);
  });
});

describe('integrity a read or write asks for', () => {
  it('answers a range’s MD5 (x-ms-range-get-content-md5) for ranges of at most 4 MiB; refuses CRC64, which atrest does not compute', async () => {
    const box = await containerOf('rangemd5acct', 'box', { encrypted: true });
    const blob = box.getBlockBlobClient('data.bin');
    const data = randomBytes(5 * MiB);
    await blob.upload(data, data.length);
    const range = await blob.download(1000, 70 * KiB, { rangeGetContentMD5: true });
    expect(Buffer.from(range.contentMD5!).equals(createHash('md5').update(data.subarray(1000, 1000 + 70 * KiB)).digest())).toBe(true);
    expect(Buffer.from(range.blobContentMD5!).equals(createHash('md5').update(data).digest())).toBe(true);
    expect((await blob.downloadToBuffer(1000, 70 * KiB)).equals(data.subarray(1000, 1000 + 70 * KiB))).toBe(true);
    expect(await refusal(blob.download(0, 4 * MiB + 1, { rangeGetContentMD5: true }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(blob.download(0, undefined, { rangeGetContentMD5: true }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });

    const block = Buffer.from('crc64-000').toString('base64');
    expect(await refusal(blob.stageBlock(block, Buffer.from('x'), 1, { transactionalContentCrc64: new Uint8Array(8) }))).toEqual({ status: 400, code: 'UnsupportedHeader' });
    expect((await blob.getBlockList('uncommitted')).uncommittedBlocks ?? []).toEqual([]);
    // The SDK's opt-in CRC64 validation frames the body as a structured message: stored as sent, the framing would be the content.
    const framed = box.getBlockBlobClient('framed.bin');
    expect(await refusal(framed.upload(data.subarray(0, 1000), 1000, { contentChecksumAlgorithm: 'StorageCrc64' }))).toEqual({ status: 400, code: 'UnsupportedHeader' });
    expect(await framed.exists()).toBe(false);
    expect(await refusal(blob.download(0, 1000, { contentChecksumAlgorithm: 'StorageCrc64' }))).toEqual({ status: 400, code: 'UnsupportedHeader' });
  });
});

describe('container access with the real Azure client', () => {
  it('reads a new container as private without stored access policies, refuses public access, changes the ETag with the policies, and answers ContainerNotFound for none', async () => {
    const box = await containerOf('aclacct', 'box');
    const policy = await box.getAccessPolicy();
    expect([policy.blobPublicAccess, policy.signedIdentifiers, policy.etag]).toEqual([undefined, [], (await box.getProperties()).etag]);
    expect(await refusal(box.setAccessPolicy('container'))).toEqual({ status: 409, code: 'PublicAccessNotPermitted' });
    expect((await box.getAccessPolicy()).blobPublicAccess).toBeUndefined();
    const set = await box.setAccessPolicy(undefined, [{ id: 'auditors', accessPolicy: { permissions: 'rl' } }]);
    expect(set.etag).not.toBe(policy.etag);
    expect(await box.getAccessPolicy()).toMatchObject({ etag: set.etag, signedIdentifiers: [{ id: 'auditors', accessPolicy: { permissions: 'rl' } }] });
    expect(await refusal(box.setAccessPolicy(undefined, [], { conditions: { ifUnmodifiedSince: new Date(Date.now() - 3_600_000) } }))).toEqual({
      status: 412,
      code: 'ConditionNotMet',
    });
    expect((await box.getAccessPolicy()).signedIdentifiers).toHaveLength(1);
    expect(await refusal(box.getBlockBlobClient('a.txt').download())).toEqual({ status: 404, code: 'BlobNotFound' });
    const missing = (await plane.newAccount('aclacct2')).getContainerClient('none');
    expect(await refusal(missing.getAccessPolicy())).toEqual({ status: 404, code: 'ContainerNotFound' });
  });
});

describe('access tiers with the real Azure client', () => {
  it('reads a blob as the account’s tier until it has its own: set on upload, on commit or by Set Blob Tier, listed, Archive refused', async () => {
    const service = await plane.newAccount('tieracct');
    const box = service.getContainerClient('box');
    await box.create();
    const plain = box.getBlockBlobClient('plain.txt');
    await plain.uploadData(Buffer.from('plain'));
    expect(await plain.getProperties()).toMatchObject({ accessTier: 'Hot', accessTierInferred: true, accessTierChangedOn: undefined });

    const cool = box.getBlockBlobClient('cool.txt');
    await cool.uploadData(Buffer.from('cool'), { tier: 'Cool' });
    const coolProperties = await cool.getProperties();
    expect([coolProperties.accessTier, coolProperties.accessTierInferred, coolProperties.accessTierChangedOn instanceof Date]).toEqual(['Cool', undefined, true]);

    const staged = box.getBlockBlobClient('staged.bin');
    await staged.stageBlock('QQ==', Buffer.from('a'), 1);
    await staged.commitBlockList(['QQ=='], { tier: 'Cold' });
    expect((await staged.getProperties()).accessTier).toBe('Cold');

    // Set Blob Tier changes the tier only: the ETag and content stay.
    const before = await plain.getProperties();
    await plain.setAccessTier('Cool');
    const after = await plain.getProperties();
    expect([after.accessTier, after.accessTierInferred, after.etag, after.lastModified]).toEqual(['Cool', undefined, before.etag, before.lastModified]);
    expect((await plain.downloadToBuffer()).toString()).toBe('plain');

    const listed: Array<[string, string | undefined, boolean | undefined]> = [];
    for await (const blob of box.listBlobsFlat()) listed.push([blob.name, blob.properties.accessTier, blob.properties.accessTierInferred]);
    expect(listed).toEqual([
      ['cool.txt', 'Cool', undefined],
      ['plain.txt', 'Cool', undefined],
      ['staged.bin', 'Cold', undefined],
    ]);

    expect(await refusal(plain.setAccessTier('Archive'))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(box.getBlockBlobClient('none').setAccessTier('Cool'))).toEqual({ status: 404, code: 'BlobNotFound' });
    const log = box.getAppendBlobClient('app.log');
    await log.create();
    expect(await refusal(log.setAccessTier('Cool'))).toEqual({ status: 409, code: 'InvalidBlobType' });
    expect((await plain.getProperties()).accessTier).toBe('Cool');
  });

  it('moves blobs without a tier of their own with the account’s default tier', async () => {
    const service = await plane.newAccount('tiermove');
    const box = service.getContainerClient('box');
    await box.create();
    await box.getBlockBlobClient('inferred.txt').uploadData(Buffer.from('i'));
    await box.getBlockBlobClient('own.txt').uploadData(Buffer.from('o'), { tier: 'Hot' });
    await plane.setAccountAccessTier('tiermove', 'Cool');
    await waitFor(async () => (await box.getBlockBlobClient('inferred.txt').getProperties()).accessTier === 'Cool', { what: 'the data plane to hear the account’s tier' });
    expect(await box.getBlockBlobClient('inferred.txt').getProperties()).toMatchObject({ accessTier: 'Cool', accessTierInferred: true });
    expect(await box.getBlockBlobClient('own.txt').getProperties()).toMatchObject({ accessTier: 'Hot', accessTierInferred: undefined });
  });
});

describe('container metadata with the real Azure client', () => {
  it('replaces it with a new ETag, keeps the blobs, lists it, and publishes ContainerMetadataSet without the values', async () => {
    const service = await plane.newAccount('cmetaacct');
    const box = service.getContainerClient('box');
    await box.create({ metadata: { first: '1' } });
    await box.getBlockBlobClient('kept.txt').upload('kept', 4);
    const before = await box.getProperties();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Last-Modified has whole seconds
    const value = `cmeta-${randomUUID()}`;
    const set = await box.setMetadata({ Second: value, third: 'drei' });
    const after = await box.getProperties();
    expect(after.metadata).toEqual({ second: value, third: 'drei' });
    expect([after.etag, after.lastModified]).toEqual([set.etag, set.lastModified]);
    expect(after.etag).not.toBe(before.etag);
    expect(after.lastModified!.getTime()).toBeGreaterThan(before.lastModified!.getTime());
    expect((await download(box, 'kept.txt')).toString()).toBe('kept');
    const listed = [];
    // Deleted and system containers never exist here: including them lists the same.
    for await (const container of service.listContainers({ includeMetadata: true, includeDeleted: true, includeSystem: true }))
      listed.push([container.name, container.metadata, container.properties.etag]);
    expect(listed).toEqual([['box', { second: value, third: 'drei' }, set.etag!.replace(/"/g, '')]]); // listings give ETags unquoted, as Azure's
    await box.setMetadata();
    expect((await box.getProperties()).metadata).toEqual({});

    const events = await new KafkaProbe(plane.ctx.kafkaBrokers).readAll(`${plane.ctx.topicPrefix}${Topics.blobs}`, { atLeast: 10_000, timeoutMs: 3_000 });
    const metadataSet = events.filter((m) => m.value!.includes('"ContainerMetadataSet"') && m.value!.includes('cmetaacct'));
    expect(metadataSet).toHaveLength(2);
    expect(metadataSet.some((m) => m.value!.includes(value))).toBe(false);
  });

  it('applies If-Modified-Since only, refuses bad names and a missing container, changing nothing', async () => {
    const box = await containerOf('cmetacond', 'box');
    await box.setMetadata({ k: 'v' });
    const { etag } = await box.getProperties();
    const future = new Date(Date.now() + 3_600_000);
    expect(await refusal(box.setMetadata({ k: 'w' }, { conditions: { ifModifiedSince: future } }))).toEqual({ status: 412, code: 'ConditionNotMet' });
    await box.setMetadata({ k: 'x' }, { conditions: { ifModifiedSince: new Date(Date.now() - 3_600_000) } });
    expect((await box.getProperties()).metadata).toEqual({ k: 'x' });
    const { etag: current } = await box.getProperties();
    expect(current).not.toBe(etag);
    expect(await refusal(box.setMetadata({ '1bad': 'v' }))).toEqual({ status: 400, code: 'InvalidMetadata' });
    expect(await box.getProperties()).toMatchObject({ etag: current, metadata: { k: 'x' } });
    const missing = box.getBlobClient('x').url.replace('/box/x', '/none');
    expect(await refusal(new ContainerClient(missing, box.credential).setMetadata({ k: 'v' }))).toEqual({ status: 404, code: 'ContainerNotFound' });
  });
});

describe('blob leases with the real Azure client', () => {
  it('acquires, renews, changes and releases; while leased, writes need the lease id, reads do not, listings show it', async () => {
    const service = await plane.newAccount('leaseacct');
    const box = service.getContainerClient('box');
    await box.create();
    const blob = box.getBlockBlobClient('locked.txt');
    await blob.upload('v1', 2);
    const lease = blob.getBlobLeaseClient();
    const { leaseId } = await lease.acquireLease(-1);
    expect(leaseId).toBe(lease.leaseId);
    expect(await blob.getProperties()).toMatchObject({ leaseState: 'leased', leaseStatus: 'locked', leaseDuration: 'infinite' });
    expect(await refusal(blob.upload('v2', 2))).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(blob.setMetadata({ k: 'v' }))).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(blob.stageBlock(Buffer.from('b1').toString('base64'), 'x', 1))).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(blob.delete())).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(blob.upload('v2', 2, { conditions: { leaseId: randomUUID() } }))).toEqual({ status: 412, code: 'LeaseIdMismatchWithBlobOperation' });
    await blob.upload('v2', 2, { conditions: { leaseId } });
    expect((await download(box, 'locked.txt')).toString()).toBe('v2');
    expect((await blob.getProperties()).leaseState).toBe('leased'); // the holder's overwrite keeps the lease
    const listed = [];
    for await (const item of box.listBlobsFlat()) listed.push([item.name, item.properties.leaseState, item.properties.leaseStatus, item.properties.leaseDuration]);
    expect(listed).toEqual([['locked.txt', 'leased', 'locked', 'infinite']]);

    expect(await refusal(blob.getBlobLeaseClient().acquireLease(15))).toEqual({ status: 409, code: 'LeaseAlreadyPresent' });
    const { etag } = await blob.getProperties();
    await lease.renewLease();
    const other = randomUUID();
    await lease.changeLease(other);
    expect((await blob.getProperties()).etag).toBe(etag); // lease operations leave the blob as it was
    expect(await refusal(blob.setMetadata({ k: 'v' }, { conditions: { leaseId } }))).toEqual({ status: 412, code: 'LeaseIdMismatchWithBlobOperation' });
    await blob.setMetadata({ k: 'v' }, { conditions: { leaseId: other } });
    await lease.releaseLease();
    expect(await blob.getProperties()).toMatchObject({ leaseState: 'available', leaseStatus: 'unlocked' });
    expect(await refusal(blob.upload('v3', 2, { conditions: { leaseId: other } }))).toEqual({ status: 412, code: 'LeaseNotPresentWithBlobOperation' });
    await blob.upload('v3', 2);
  });

  it('breaks a lease: breaking for the period, then broken; acquired anew, and gone with its blob', async () => {
    const box = await containerOf('leasebreak', 'box');
    const blob = box.getBlockBlobClient('b.txt');
    await blob.upload('x', 1);
    const lease = blob.getBlobLeaseClient();
    await lease.acquireLease(15);
    expect((await blob.getProperties()).leaseDuration).toBe('fixed');
    expect((await lease.breakLease(2)).leaseTime).toBe(2);
    expect((await blob.getProperties()).leaseState).toBe('breaking');
    expect(await refusal(blob.upload('y', 1))).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(lease.renewLease())).toEqual({ status: 409, code: 'LeaseIsBrokenAndCannotBeRenewed' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await blob.getProperties()).leaseState).toBe('broken');
    await blob.upload('y', 1);
    const next = blob.getBlobLeaseClient();
    await next.acquireLease(-1);
    await blob.delete({ conditions: { leaseId: next.leaseId } });
    await blob.upload('z', 1);
    expect((await blob.getProperties()).leaseState).toBe('available');
  });

  it('refuses bad lease requests in Azure’s form, and a lease id naming no lease', async () => {
    const box = await containerOf('leasebad', 'box');
    const blob = box.getBlockBlobClient('b.txt');
    await blob.upload('x', 1);
    expect(await refusal(blob.getBlobLeaseClient().acquireLease(10))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(blob.getBlobLeaseClient().releaseLease())).toEqual({ status: 409, code: 'LeaseNotPresentWithLeaseOperation' });
    expect(await refusal(blob.download(0, undefined, { conditions: { leaseId: 'not-a-guid' } }))).toEqual({ status: 400, code: 'InvalidHeaderValue' });
    expect(await refusal(box.getBlockBlobClient('none.txt').getBlobLeaseClient().acquireLease(15))).toEqual({ status: 404, code: 'BlobNotFound' });
    expect(await refusal(box.delete({ conditions: { leaseId: randomUUID() } }))).toEqual({ status: 412, code: 'LeaseNotPresentWithContainerOperation' });
    expect(await refusal(box.getBlobLeaseClient().renewLease())).toEqual({ status: 409, code: 'LeaseNotPresentWithLeaseOperation' });
    expect((await download(box, 'b.txt')).toString()).toBe('x');
  });

  it('leases a container: Delete Container needs the lease id, Set Container Metadata takes one but needs none, listings show it', async () => {
    const service = await plane.newAccount('cleaseacct');
    const box = service.getContainerClient('box');
    await box.create();
    const lease = box.getBlobLeaseClient();
    await lease.acquireLease(-1);
    expect(await box.getProperties()).toMatchObject({ leaseState: 'leased', leaseStatus: 'locked', leaseDuration: 'infinite' });
    const listed = [];
    for await (const container of service.listContainers()) listed.push([container.name, container.properties.leaseState, container.properties.leaseDuration]);
    expect(listed).toEqual([['box', 'leased', 'infinite']]);
    expect(await refusal(box.delete())).toEqual({ status: 412, code: 'LeaseIdMissing' });
    expect(await refusal(box.delete({ conditions: { leaseId: randomUUID() } }))).toEqual({ status: 412, code: 'LeaseIdMismatchWithContainerOperation' });
    await box.setMetadata({ k: 'v' });
    expect(await refusal(box.setMetadata({ k: 'w' }, { conditions: { leaseId: randomUUID() } }))).toEqual({ status: 412, code: 'LeaseIdMismatchWithContainerOperation' });
    await box.setMetadata({ k: 'w' }, { conditions: { leaseId: lease.leaseId } });
    expect(await refusal(box.getBlobLeaseClient().acquireLease(15))).toEqual({ status: 409, code: 'LeaseAlreadyPresent' });
    await box.getBlockBlobClient('free.txt').upload('free', 4); // the container's lease does not hold its blobs

    expect((await lease.breakLease(0)).leaseTime).toBe(0);
    expect((await box.getProperties()).leaseState).toBe('broken');
    expect(await refusal(box.delete({ conditions: { leaseId: lease.leaseId } }))).toEqual({ status: 412, code: 'LeaseLost' });
    await box.delete();
    expect(await refusal(box.getProperties())).toEqual({ status: 404, code: 'ContainerNotFound' });
  });
});

describe('writes "From URL"', () => {
  it('Put Blob, Put Block, Append Block and Put Page From URL copy a source of another account into encrypted data; ranges, properties and refusals as Azure', async () => {
    const plainBox = await containerOf('fromurlsrc', 'box');
    const source = plainBox.getBlockBlobClient('source.txt');
    // Not a marker: this source is stored in plaintext, in the store the at-rest scans below read.
    const bytes = Buffer.from(`from-url-${randomUUID()}-0123456789`);
    await source.uploadData(bytes, { blobHTTPHeaders: { blobContentType: 'text/plain', blobCacheControl: 'no-cache' } });
    const box = await containerOf('fromurlacct', 'box', { encrypted: true });

    // Put Blob From URL: the whole source, sealed here; its content properties unless told otherwise.
    const whole = box.getBlockBlobClient('whole.txt');
    const put = await whole.syncUploadFromURL(source.url, { metadata: { origin: 'copy' } });
    expect(put.isServerEncrypted).toBe(true);
    const copied = await whole.getProperties();
    expect([copied.contentType, copied.cacheControl, copied.metadata, copied.isServerEncrypted, copied.copyId]).toEqual(['text/plain', 'no-cache', { origin: 'copy' }, true, undefined]);
    expect(await whole.downloadToBuffer()).toEqual(bytes);
    await box.getBlockBlobClient('bare.txt').syncUploadFromURL(source.url, { copySourceBlobProperties: false, blobHTTPHeaders: { blobContentLanguage: 'de' } });
    expect(await box.getBlockBlobClient('bare.txt').getProperties()).toMatchObject({ contentType: 'application/octet-stream', contentLanguage: 'de', cacheControl: undefined });

    // Put Block From URL: ranges of the source staged as blocks, committed like any others.
    const staged = box.getBlockBlobClient('staged.bin');
    const [first, second] = ['block-1', 'block-2'].map((id) => Buffer.from(id).toString('base64'));
    expect((await staged.stageBlockFromURL(first, source.url, 10, 5)).isServerEncrypted).toBe(true);
    await staged.stageBlockFromURL(second, source.url, 0, 10);
    await staged.commitBlockList([first, second]);
    expect(await staged.downloadToBuffer()).toEqual(Buffer.concat([bytes.subarray(10, 15), bytes.subarray(0, 10)]));
    expect(await isServerEncrypted(box, 'staged.bin')).toBe(true);
    expect(await refusal(staged.stageBlockFromURL(first, source.url, bytes.length, 5))).toEqual({ status: 416, code: 'InvalidRange' });
    expect(await refusal(staged.stageBlockFromURL(first, `${plainBox.url}/none.txt`, 0, 5))).toEqual({ status: 404, code: 'CannotVerifyCopySource' });
    expect(await refusal(box.getBlockBlobClient('md5.txt').syncUploadFromURL(source.url, { sourceContentMD5: new Uint8Array(16) }))).toEqual({ status: 400, code: 'Md5Mismatch' });
    expect(await box.getBlockBlobClient('md5.txt').exists()).toBe(false);

    // Append Block From URL: ranges appended with Append Block's conditions.
    const log = box.getAppendBlobClient('log.txt');
    await log.create();
    const appended = await log.appendBlockFromURL(source.url, 0, 10);
    expect([appended.blobAppendOffset, appended.blobCommittedBlockCount, appended.isServerEncrypted]).toEqual(['0', 1, true]);
    await log.appendBlockFromURL(source.url, 10, 5, { conditions: { appendPosition: 10 } });
    expect(await log.downloadToBuffer()).toEqual(bytes.subarray(0, 15));
    expect(await refusal(log.appendBlockFromURL(source.url, 0, 5, { conditions: { appendPosition: 3 } }))).toEqual({ status: 412, code: 'AppendPositionConditionNotMet' });

    // Put Page From URL: a source range written over pages of the same length.
    const pagesSource = plainBox.getPageBlobClient('pages.vhd');
    await pagesSource.create(2048);
    const page = randomBytes(512);
    await pagesSource.uploadPages(page, 1024, 512);
    const disk = box.getPageBlobClient('disk.vhd');
    await disk.create(4096);
    expect((await disk.uploadPagesFromURL(pagesSource.url, 1024, 3072, 512)).isServerEncrypted).toBe(true);
    expect(await pageRanges(disk)).toEqual([{ start: 3072, end: 3583 }]);
    expect((await disk.downloadToBuffer()).subarray(3072, 3584)).toEqual(page);
    expect(await refusal(disk.uploadPagesFromURL(pagesSource.url, 0, 100, 512))).toEqual({ status: 416, code: 'InvalidPageRange' });
    expect(await pageRanges(disk)).toEqual([{ start: 3072, end: 3583 }]);

    // x-ms-copy-source on an operation that copies nothing is refused, storing nothing.
    const unsupported = await plane.blobs.call('PUT', `fromurlacct/box/whole.txt?comp=metadata`, { headers: { 'x-ms-copy-source': source.url, 'x-ms-meta-a': 'b' } });
    expect([unsupported.status, unsupported.code]).toEqual([400, 'UnsupportedHeader']);
    expect((await whole.getProperties()).metadata).toEqual({ origin: 'copy' });
  });
});

describe('Copy Blob into an encrypted account (the seed: existing data is encrypted once copied)', () => {
  it('copies block, append and page blobs written unencrypted into encrypted copies, byte for byte', async () => {
    const source = await containerOf('copysrc', 'plain');
    const target = await containerOf('copydst', 'sealed', { encrypted: true });
    const block = randomBytes(5 * MiB + 11);
    await source.getBlockBlobClient('block.bin').uploadData(block, { metadata: { origin: 'copysrc' }, blobHTTPHeaders: { blobContentType: 'application/x-block' } });
    await source.getAppendBlobClient('log').create();
    await source.getAppendBlobClient('log').appendBlock(block.subarray(0, 3000), 3000);
    await source.getPageBlobClient('disk.vhd').create(2 * MiB);
    await source.getPageBlobClient('disk.vhd').uploadPages(block.subarray(0, MiB), MiB, MiB);
    for (const name of ['block.bin', 'log', 'disk.vhd']) expect(await isServerEncrypted(source, name)).toBe(false);

    const copied = await (await target.getBlobClient('block.bin').beginCopyFromURL(source.getBlobClient('block.bin').url)).pollUntilDone();
    expect(copied.copyStatus).toBe('success');
    const synced = await target.getBlobClient('log').syncCopyFromURL(source.getBlobClient('log').url);
    expect(synced.copyStatus).toBe('success');
    await (await target.getBlobClient('disk.vhd').beginCopyFromURL(source.getBlobClient('disk.vhd').url)).pollUntilDone();

    for (const name of ['block.bin', 'log', 'disk.vhd']) {
      expect([name, await isServerEncrypted(target, name)]).toEqual([name, true]);
      expect([name, (await download(target, name)).equals(await download(source, name))]).toEqual([name, true]);
    }
    const props = await target.getBlobClient('block.bin').getProperties();
    expect([props.copyStatus, props.copySource, props.copyProgress, props.metadata, props.contentType, props.blobType]).toEqual([
      'success',
      source.getBlobClient('block.bin').url,
      `${block.length}/${block.length}`,
      { origin: 'copysrc' },
      'application/x-block',
      'BlockBlob',
    ]);
    expect(await pageRanges(target.getPageBlobClient('disk.vhd'))).toEqual([{ start: MiB, end: 2 * MiB - 1 }]);
  });

  it('copies one version of its source, whole, while the source is overwritten at the same time', async () => {
    const box = await containerOf('copyraceacct', 'box', { encrypted: true });
    const source = box.getBlockBlobClient('source.bin');
    const older = randomBytes(12 * MiB + 7);
    const newer = randomBytes(3 * MiB + 1);
    for (let round = 0; round < 3; round++) {
      // Put Blob: the older version has a Content-MD5 (in three 4 MiB extents); the newer, of staged blocks, none.
      await source.uploadData(older, { maxSingleShotSize: 16 * MiB });
      const copy = box.getBlobClient(`copy-${round}.bin`);
      await Promise.all([copy.syncCopyFromURL(source.url), source.uploadData(newer, { maxSingleShotSize: MiB, blockSize: MiB })]);
      const copied = await download(box, `copy-${round}.bin`);
      const { contentMD5, contentLength } = await copy.getProperties();
      // Bytes and properties of the same version: never the newer bytes under the older's MD5.
      expect([round, copied.equals(older) || copied.equals(newer), contentLength]).toEqual([round, true, copied.length]);
      expect([round, contentMD5 === undefined ? copied.equals(newer) : Buffer.from(contentMD5).equals(md5(copied))]).toEqual([round, true]);
    }
  });

  it('rewrites an old blob of the account encrypted by copying it once encryption is on', async () => {
    const box = await containerOf('rewriteacct', 'box');
    const data = randomBytes(2 * MiB);
    await box.getBlockBlobClient('old.bin').uploadData(data);
    await plane.setEncryption('rewriteacct', true);
    expect(await isServerEncrypted(box, 'old.bin')).toBe(false);
    await (await box.getBlobClient('old.bin').beginCopyFromURL(box.getBlobClient('old.bin').url)).pollUntilDone();
    expect(await isServerEncrypted(box, 'old.bin')).toBe(true);
    expect((await download(box, 'old.bin')).equals(data)).toBe(true);
  });
});

describe('the seed\'s toggle scenario on a page blob', () => {
  it('pages written before and after enabling: false until every unencrypted page is rewritten; all read back byte for byte', async () => {
    const disks = await containerOf('pagetoggle', 'disks');
    const disk = disks.getPageBlobClient('vm.vhd');
    await disk.create(MiB);
    const [early, late, again] = [randomBytes(256 * KiB), randomBytes(256 * KiB), randomBytes(256 * KiB)];
    await disk.uploadPages(early, 0, early.length);
    await plane.setEncryption('pagetoggle', true);
    expect((await disk.uploadPages(late, 512 * KiB, late.length)).isServerEncrypted).toBe(true);
    expect(await isServerEncrypted(disks, 'vm.vhd')).toBe(false);
    const expected = Buffer.alloc(MiB);
    early.copy(expected, 0);
    late.copy(expected, 512 * KiB);
    expect((await download(disks, 'vm.vhd')).equals(expected)).toBe(true);

    // Rewriting the unencrypted pages makes the whole blob encrypted; a write after disabling undoes it.
    await disk.uploadPages(again, 0, again.length);
    again.copy(expected, 0);
    expect(await isServerEncrypted(disks, 'vm.vhd')).toBe(true);
    await plane.setEncryption('pagetoggle', false);
    await disk.uploadPages(early, 768 * KiB, early.length);
    early.copy(expected, 768 * KiB);
    expect(await isServerEncrypted(disks, 'vm.vhd')).toBe(false);
    expect((await download(disks, 'vm.vhd')).equals(expected)).toBe(true);
  });
});

describe('at rest: append and page extents', () => {
  let secret: ContainerClient;
  const extentsOf = async (blob: string): Promise<string[]> =>
    (
      await plane.store.query(
        `SELECT unnest(extent_ids) AS id FROM blob_blocks WHERE account_name = 'secretmore' AND blob_name = $1
         UNION ALL SELECT extent_id FROM page_ranges WHERE account_name = 'secretmore' AND blob_name = $1`,
        [blob],
      )
    ).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    secret = await containerOf('secretmore', 'vault', { encrypted: true });
    const plain = await containerOf('plainmore', 'open');
    const log = secret.getAppendBlobClient('marked.log');
    await log.create({ metadata: { note: SECRET_MARKER } });
    for (const size of [1000, 300 * KiB]) await log.appendBlock(marked(SECRET_MARKER, size), size);
    const disk = secret.getPageBlobClient('marked.vhd');
    await disk.create(4 * MiB, { metadata: { note: SECRET_MARKER } });
    await disk.uploadPages(marked(SECRET_MARKER, 512 * KiB), 0, 512 * KiB);
    await disk.uploadPages(marked(SECRET_MARKER, 4 * KiB), 3 * MiB, 4 * KiB);
    await secret.getPageBlobClient('other.vhd').create(MiB);
    await secret.getPageBlobClient('other.vhd').uploadPages(marked(SECRET_MARKER, 4 * KiB), 0, 4 * KiB);
    const plainDisk = plain.getPageBlobClient('marked.vhd');
    await plainDisk.create(MiB);
    await plainDisk.uploadPages(marked(PLAIN_MARKER, 4 * KiB), 0, 4 * KiB);
    // Large enough for an extent file (small extents stay inline): the scan must find the marker there too.
    await plainDisk.uploadPages(marked(PLAIN_MARKER, 256 * KiB), 256 * KiB, 256 * KiB);
    // A plain blob with the marker, copied into the encrypted account.
    await plain.getBlockBlobClient('plain.txt').upload(PLAIN_MARKER, PLAIN_MARKER.length);
    await (await secret.getBlobClient('copied.txt').beginCopyFromURL(plain.getBlobClient('plain.txt').url)).pollUntilDone();
  });

  it('with encryption on, the markers are nowhere in the region store nor on atrest.blobs; with it off the scan finds them', async () => {
    expect(await scanForMarker(plane.raw, SECRET_MARKER)).toEqual([]);
    expect(await scanForMarker(plane.raw, PLAIN_MARKER)).toEqual([EXTENT_FILES, 'extents.packages']);
    const [{ n }] = await plane.store.query(`SELECT count(*)::int AS n FROM extents WHERE account_name = 'secretmore' AND NOT encrypted`);
    expect(n).toBe(0);
    const messages = await new KafkaProbe(plane.ctx.kafkaBrokers).readAll(`${plane.ctx.topicPrefix}${Topics.blobs}`, { atLeast: 10_000, timeoutMs: 3_000 });
    expect(messages.some((m) => m.value!.includes(SECRET_MARKER) || m.value!.includes(PLAIN_MARKER))).toBe(false);
    expect((await download(secret, 'copied.txt')).toString()).toBe(PLAIN_MARKER);
    expect((await download(secret, 'marked.log')).subarray(0, SECRET_MARKER.length).toString()).toBe(SECRET_MARKER);
  });

  it('a flipped byte in an append or a page extent: 500 InternalError; restored, it reads again', async () => {
    for (const blob of ['marked.log', 'marked.vhd']) {
      const [extent] = await extentsOf(blob);
      await flipStoredByte(plane.raw, extent, 30);
      expect([blob, await refusal(download(secret, blob))]).toEqual([blob, { status: 500, code: 'InternalError' }]);
      await flipStoredByte(plane.raw, extent, 30);
      expect((await download(secret, blob)).subarray(0, SECRET_MARKER.length).toString()).toBe(SECRET_MARKER);
    }
  });

  it('a page range pointed at another blob\'s extent: 500 InternalError', async () => {
    const [mine] = await extentsOf('marked.vhd');
    const [theirs] = await extentsOf('other.vhd');
    const point = (from: string, to: string) =>
      plane.store.query(`UPDATE page_ranges SET extent_id = $2 WHERE account_name = 'secretmore' AND blob_name = 'marked.vhd' AND extent_id = $1 AND start_offset = 0`, [from, to]);
    await point(mine, theirs);
    expect(await refusal(secret.getPageBlobClient('marked.vhd').downloadToBuffer(0, 4096))).toEqual({ status: 500, code: 'InternalError' });
    await point(theirs, mine);
    expect((await secret.getPageBlobClient('marked.vhd').downloadToBuffer(0, 4096)).equals(marked(SECRET_MARKER, 4096))).toBe(true);
    expect((await fetch(`${plane.blobs.base}/ready`)).status).toBe(200);
  });
});
