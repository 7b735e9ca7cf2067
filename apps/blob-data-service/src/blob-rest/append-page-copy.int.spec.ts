import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { storedCounts } from '../testing/raw-storage';

// Append blobs, page blobs and Copy Blob over blob-data-service's REST edge
// (data-plane protocol headers), against real Postgres and Kafka, for
// accounts without SSE (encrypted copies, pages and appends with the real
// key service and Azure client: test/blob-data-plane-more.int.spec.ts).

const ACCOUNT = 'morerest';
const KiB = 1024;
const MiB = 1024 * KiB;
let blobs: BlobServiceUnderTest;

const md5 = (data: Buffer) => createHash('md5').update(data).digest('base64');
/** Extent rows and files in the region store (a refused or deleted write leaves neither). */
const extentCount = async () => storedCounts(await blobs.rawStore());
const pageList = (xml: string) => [...xml.matchAll(/<PageRange><Start>(\d+)<\/Start><End>(\d+)<\/End><\/PageRange>/g)].map((m) => [Number(m[1]), Number(m[2])]);
const events = async (streamId: string) =>
  (await new KafkaProbe(blobs.ctx.kafkaBrokers).readAll(`${blobs.ctx.topicPrefix}${Topics.blobs}`, { atLeast: 10_000, timeoutMs: 4_000 }))
    .map((m) => JSON.parse(m.value!.toString()))
    .filter((e) => e.streamId === streamId);

beforeAll(async () => {
  blobs = await startBlobService('append-page-copy');
  await blobs.createAccount(ACCOUNT);
  for (const container of ['logs', 'disks', 'copies']) expect((await blobs.call('PUT', `${ACCOUNT}/${container}?restype=container`)).status).toBe(201);
}, 60_000);
afterAll(() => blobs?.close());

describe('append blobs', () => {
  const path = `${ACCOUNT}/logs/app.log`;
  const parts = [randomBytes(100), randomBytes(3 * MiB + 7), randomBytes(70 * KiB)];

  it('creates an empty append blob, appends blocks (offset and count answered), reads them back whole and by range', async () => {
    const created = await blobs.call('PUT', path, { headers: { 'x-ms-blob-type': 'AppendBlob', 'x-ms-blob-content-type': 'text/plain', 'x-ms-meta-Kind': 'log' } });
    expect([created.status, created.headers.get('x-ms-request-server-encrypted')]).toEqual([201, 'false']);
    let offset = 0;
    for (const [i, part] of parts.entries()) {
      const appended = await blobs.call('PUT', `${path}?comp=appendblock`, { body: part, headers: { 'content-md5': md5(part), 'x-ms-blob-condition-appendpos': String(offset) } });
      expect([appended.status, appended.headers.get('x-ms-blob-append-offset'), appended.headers.get('x-ms-blob-committed-block-count'), appended.headers.get('content-md5')]).toEqual([
        201,
        String(offset),
        String(i + 1),
        md5(part),
      ]);
      offset += part.length;
    }
    const all = Buffer.concat(parts);
    const got = await blobs.call('GET', path);
    expect(got.body.equals(all)).toBe(true);
    expect([got.headers.get('x-ms-blob-type'), got.headers.get('x-ms-blob-committed-block-count'), got.headers.get('content-type'), got.headers.get('x-ms-meta-kind')]).toEqual([
      'AppendBlob',
      '3',
      'text/plain',
      'log',
    ]);
    const part = await blobs.call('GET', path, { headers: { 'x-ms-range': `bytes=90-${3 * MiB + 200}` } });
    expect(part.body.equals(all.subarray(90, 3 * MiB + 201))).toBe(true);
  });

  it('refuses a wrong append position, a block past maxsize, an oversized or empty block, storing nothing', async () => {
    const size = parts.reduce((n, p) => n + p.length, 0);
    const extents = await extentCount();
    const append = (headers: Record<string, string>, body: Buffer | string = 'more') => blobs.call('PUT', `${path}?comp=appendblock`, { body, headers });
    expect(await append({ 'x-ms-blob-condition-appendpos': '5' })).toMatchObject({ status: 412, code: 'AppendPositionConditionNotMet' });
    expect(await append({ 'x-ms-blob-condition-maxsize': String(size + 3) })).toMatchObject({ status: 412, code: 'MaxBlobSizeConditionNotMet' });
    expect(await append({ 'x-ms-blob-condition-appendpos': 'x' })).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await append({}, randomBytes(4 * MiB + 1))).toMatchObject({ status: 413, code: 'RequestBodyTooLarge' });
    expect(await append({}, '')).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await append({ 'if-match': '"0xNOPE"' })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect(await blobs.call('PUT', `${ACCOUNT}/logs/none?comp=appendblock`, { body: 'x' })).toMatchObject({ status: 404, code: 'BlobNotFound' });
    expect(await blobs.call('PUT', `${ACCOUNT}/logs/app2.log`, { body: 'x', headers: { 'x-ms-blob-type': 'AppendBlob' } })).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await blobs.call('PUT', `${path}?comp=block&blockid=${encodeURIComponent(Buffer.from('b1').toString('base64'))}`, { body: 'x' })).toMatchObject({ status: 409, code: 'InvalidBlobType' });
    await blobs.call('PUT', `${ACCOUNT}/logs/block.bin`, { body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect(await blobs.call('PUT', `${ACCOUNT}/logs/block.bin?comp=appendblock`, { body: 'x' })).toMatchObject({ status: 409, code: 'InvalidBlobType' });
    expect(await extentCount()).toEqual({ ...extents, rows: extents.rows + 1 }); // block.bin only (one byte: inline, no file)
    expect((await blobs.call('HEAD', path)).headers.get('content-length')).toBe(String(size));
  });

  it('says BlockAppended with the new extents only', async () => {
    const appended = (await events(`Blob-${ACCOUNT}/logs/app.log`)).filter((e) => e.type !== 'BlobCommitted');
    expect(appended.map((e) => [e.type, e.data.appendOffset, e.data.size, e.data.committedBlockCount, e.data.extents.length])).toEqual([
      ['BlockAppended', 0, 100, 1, 1],
      ['BlockAppended', 100, 100 + 3 * MiB + 7, 2, 1],
      ['BlockAppended', 100 + 3 * MiB + 7, 100 + 3 * MiB + 7 + 70 * KiB, 3, 1],
    ]);
    expect(appended[1].data.extents[0]).toEqual({ extentId: expect.any(String), size: 3 * MiB + 7, encrypted: false, keyId: null, kekVersion: null });
  });
});

describe('page blobs', () => {
  const path = `${ACCOUNT}/disks/disk.vhd`;
  const first = randomBytes(512);
  const second = randomBytes(64 * KiB + 512);

  it('creates a sparse page blob, writes pages, clears some, lists ranges, and reads holes as zeros', async () => {
    const created = await blobs.call('PUT', path, { headers: { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': String(MiB), 'x-ms-blob-sequence-number': '7' } });
    expect(created.status).toBe(201);
    expect((await blobs.call('GET', `${path}?comp=pagelist`)).text).toBe('<?xml version="1.0" encoding="utf-8"?><PageList></PageList>');

    const put = (start: number, body: Buffer) =>
      blobs.call('PUT', `${path}?comp=page`, { body, headers: { 'x-ms-page-write': 'update', 'x-ms-range': `bytes=${start}-${start + body.length - 1}`, 'content-md5': md5(body) } });
    const written = await put(512, first);
    expect([written.status, written.headers.get('x-ms-blob-sequence-number'), written.headers.get('content-md5')]).toEqual([201, '7', md5(first)]);
    expect((await put(8 * KiB, second)).status).toBe(201);
    // Adjacent to the first write: listed as one range.
    expect((await put(1024, first)).status).toBe(201);
    const cleared = await blobs.call('PUT', `${path}?comp=page`, { headers: { 'x-ms-page-write': 'clear', range: `bytes=${16 * KiB}-${16 * KiB + 1023}` } });
    expect(cleared.status).toBe(201);

    const expected = Buffer.alloc(MiB);
    first.copy(expected, 512);
    first.copy(expected, 1024);
    second.copy(expected, 8 * KiB);
    expected.fill(0, 16 * KiB, 16 * KiB + 1024);
    const got = await blobs.call('GET', path);
    expect([got.status, got.headers.get('content-length'), got.headers.get('x-ms-blob-type'), got.headers.get('x-ms-blob-sequence-number')]).toEqual([200, String(MiB), 'PageBlob', '7']);
    expect(got.body.equals(expected)).toBe(true);
    const hole = await blobs.call('GET', path, { headers: { 'x-ms-range': `bytes=${100 * KiB}-${200 * KiB - 1}` } });
    expect(hole.body.equals(Buffer.alloc(100 * KiB))).toBe(true);
    const across = await blobs.call('GET', path, { headers: { 'x-ms-range': `bytes=1000-${9 * KiB}` } });
    expect(across.body.equals(expected.subarray(1000, 9 * KiB + 1))).toBe(true);

    const ranges = await blobs.call('GET', `${path}?comp=pagelist`);
    expect(pageList(ranges.text)).toEqual([
      [512, 1535],
      [8 * KiB, 16 * KiB - 1],
      [16 * KiB + 1024, 8 * KiB + second.length - 1],
    ]);
    expect(ranges.headers.get('x-ms-blob-content-length')).toBe(String(MiB));
    expect(pageList((await blobs.call('GET', `${path}?comp=pagelist`, { headers: { 'x-ms-range': 'bytes=1024-9215' } })).text)).toEqual([
      [1024, 1535],
      [8 * KiB, 9215],
    ]);
  });

  it('refuses misaligned ranges, ranges past the end and a body not the range\'s length, storing nothing', async () => {
    const extents = await extentCount();
    const put = (range: string, body: Buffer, write = 'update') => blobs.call('PUT', `${path}?comp=page`, { body, headers: { 'x-ms-page-write': write, 'x-ms-range': range } });
    expect(await put('bytes=1-512', randomBytes(512))).toMatchObject({ status: 416, code: 'InvalidPageRange' });
    expect(await put('bytes=0-510', randomBytes(511))).toMatchObject({ status: 416, code: 'InvalidPageRange' });
    expect(await put(`bytes=${MiB}-${MiB + 511}`, randomBytes(512))).toMatchObject({ status: 416, code: 'InvalidPageRange' });
    expect(await put('bytes=0-1023', randomBytes(512))).toMatchObject({ status: 416, code: 'InvalidPageRange' });
    expect(await put('bytes=0-511', randomBytes(512), 'erase')).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await put('bytes=0-511', randomBytes(512), 'clear')).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await blobs.call('PUT', `${ACCOUNT}/disks/odd.vhd`, { headers: { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': '1000' } })).toMatchObject({
      status: 400,
      code: 'InvalidHeaderValue',
    });
    expect(await blobs.call('PUT', `${ACCOUNT}/logs/app.log?comp=page`, { body: randomBytes(512), headers: { 'x-ms-page-write': 'update', 'x-ms-range': 'bytes=0-511' } })).toMatchObject({
      status: 409,
      code: 'InvalidBlobType',
    });
    expect(await extentCount()).toEqual(extents);
  });

  it('resizes: shrinking drops the pages past the end (their extents once unused), growing adds zeros; sequence number actions', async () => {
    const resize = (size: number) => blobs.call('PUT', `${path}?comp=properties`, { headers: { 'x-ms-blob-content-length': String(size) } });
    const extents = await extentCount();
    expect((await resize(12 * KiB)).status).toBe(200);
    // Both ranges of the second write's extent are cut; the extent stays, [8 KiB, 12 KiB) still uses it.
    expect(await extentCount()).toEqual(extents);
    expect(pageList((await blobs.call('GET', `${path}?comp=pagelist`)).text)).toEqual([
      [512, 1535],
      [8 * KiB, 12 * KiB - 1],
    ]);
    expect((await resize(64 * KiB)).status).toBe(200);
    const grown = await blobs.call('GET', path);
    expect(grown.body.length).toBe(64 * KiB);
    expect(grown.body.subarray(8 * KiB, 12 * KiB).equals(second.subarray(0, 4 * KiB))).toBe(true);
    expect(grown.body.subarray(12 * KiB).equals(Buffer.alloc(52 * KiB))).toBe(true);
    // A page past the next end: its extent goes with it.
    await blobs.call('PUT', `${path}?comp=page`, { body: randomBytes(512), headers: { 'x-ms-page-write': 'update', 'x-ms-range': `bytes=${60 * KiB}-${60 * KiB + 511}` } });
    expect(await extentCount()).toEqual({ ...extents, rows: extents.rows + 1 });
    expect((await resize(48 * KiB)).status).toBe(200);
    expect(await extentCount()).toEqual(extents);
    expect(await blobs.call('PUT', `${path}?comp=properties`, { headers: { 'x-ms-blob-content-length': '100' } })).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await blobs.call('PUT', `${ACCOUNT}/logs/app.log?comp=properties`, { headers: { 'x-ms-blob-content-length': '512' } })).toMatchObject({ status: 409, code: 'InvalidBlobType' });

    const bumped = await blobs.call('PUT', `${path}?comp=properties`, { headers: { 'x-ms-sequence-number-action': 'increment' } });
    expect([bumped.status, bumped.headers.get('x-ms-blob-sequence-number')]).toEqual([200, '8']);
    const maxed = await blobs.call('PUT', `${path}?comp=properties`, { headers: { 'x-ms-sequence-number-action': 'max', 'x-ms-blob-sequence-number': '5' } });
    expect(maxed.headers.get('x-ms-blob-sequence-number')).toBe('8');
    // Neither changed the HTTP properties (a plain Set Blob Properties would clear them).
    expect((await blobs.call('HEAD', path)).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('says PagesWritten (update with extents, clear without) and BlobPropertiesSet for resizes', async () => {
    const changes = (await events(`Blob-${ACCOUNT}/disks/disk.vhd`)).map((e) => [e.type, e.data.pageWrite, e.data.offset, e.data.length, e.data.size, e.data.extents?.length]);
    expect(changes).toEqual([
      ['BlobCommitted', undefined, undefined, undefined, MiB, 0],
      ['PagesWritten', 'update', 512, 512, MiB, 1],
      ['PagesWritten', 'update', 8 * KiB, second.length, MiB, 1],
      ['PagesWritten', 'update', 1024, 512, MiB, 1],
      ['PagesWritten', 'clear', 16 * KiB, 1024, MiB, 0],
      ['BlobPropertiesSet', undefined, undefined, undefined, 12 * KiB, undefined],
      ['BlobPropertiesSet', undefined, undefined, undefined, 64 * KiB, undefined],
      ['PagesWritten', 'update', 60 * KiB, 512, 64 * KiB, 1],
      ['BlobPropertiesSet', undefined, undefined, undefined, 48 * KiB, undefined],
      ['BlobPropertiesSet', undefined, undefined, undefined, 48 * KiB, undefined],
      ['BlobPropertiesSet', undefined, undefined, undefined, 48 * KiB, undefined],
    ]);
  });

  it('is the only type a premium account takes', async () => {
    await blobs.createAccount('premiummore', { sku: 'Premium_LRS' });
    await blobs.call('PUT', 'premiummore/disks?restype=container');
    expect((await blobs.call('PUT', 'premiummore/disks/os.vhd', { headers: { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': '4096' } })).status).toBe(201);
    expect(await blobs.call('PUT', 'premiummore/disks/log', { headers: { 'x-ms-blob-type': 'AppendBlob' } })).toMatchObject({ status: 400, code: 'BlobTypeNotSupported' });
    expect(await blobs.call('PUT', 'premiummore/disks/os.vhd?comp=appendblock', { body: 'x' })).toMatchObject({ status: 400, code: 'BlobTypeNotSupported' });
  });
});

describe('Copy Blob', () => {
  const copy = (to: string, from: string, headers: Record<string, string> = {}) =>
    blobs.call('PUT', `${ACCOUNT}/copies/${to}`, { headers: { 'x-ms-copy-source': `http://127.0.0.1:10000/${from}`, ...headers } });

  it('copies each blob type synchronously, with its properties and metadata, and x-ms-copy-* on the destination', async () => {
    const data = randomBytes(5 * MiB + 3);
    await blobs.call('PUT', `${ACCOUNT}/logs/source.bin`, { body: data, headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/x-src', 'x-ms-meta-Origin': 'source' } });
    const copied = await copy('block.bin', `${ACCOUNT}/logs/source.bin`);
    expect([copied.status, copied.headers.get('x-ms-copy-status'), copied.headers.get('x-ms-copy-id')]).toEqual([202, 'success', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    const got = await blobs.call('GET', `${ACCOUNT}/copies/block.bin`);
    expect(got.body.equals(data)).toBe(true);
    expect(Object.fromEntries(['content-type', 'x-ms-meta-origin', 'x-ms-copy-status', 'x-ms-copy-source', 'x-ms-copy-progress', 'x-ms-copy-id', 'x-ms-blob-type'].map((h) => [h, got.headers.get(h)]))).toEqual({
      'content-type': 'application/x-src',
      'x-ms-meta-origin': 'source',
      'x-ms-copy-status': 'success',
      'x-ms-copy-source': `http://127.0.0.1:10000/${ACCOUNT}/logs/source.bin`,
      'x-ms-copy-progress': `${data.length}/${data.length}`,
      'x-ms-copy-id': copied.headers.get('x-ms-copy-id'),
      'x-ms-blob-type': 'BlockBlob',
    });

    // Request metadata replaces the source's; the page blob keeps its written ranges only.
    expect((await copy('disk.vhd', `${ACCOUNT}/disks/disk.vhd`, { 'x-ms-meta-Copy': 'yes' })).status).toBe(202);
    const disk = await blobs.call('GET', `${ACCOUNT}/copies/disk.vhd`);
    expect(disk.body.equals((await blobs.call('GET', `${ACCOUNT}/disks/disk.vhd`)).body)).toBe(true);
    expect([disk.headers.get('x-ms-meta-copy'), disk.headers.get('x-ms-blob-type'), disk.headers.get('x-ms-blob-sequence-number')]).toEqual(['yes', 'PageBlob', '8']);
    expect(pageList((await blobs.call('GET', `${ACCOUNT}/copies/disk.vhd?comp=pagelist`)).text)).toEqual([
      [512, 1535],
      [8 * KiB, 12 * KiB - 1],
    ]);
    const [commit] = await events(`Blob-${ACCOUNT}/copies/disk.vhd`);
    expect(commit.data.pages).toEqual([
      { offset: 512, length: 1024, extentId: commit.data.extents[0].extentId, extentOffset: 0 },
      { offset: 8 * KiB, length: 4 * KiB, extentId: commit.data.extents[0].extentId, extentOffset: 1024 },
    ]);
    expect(commit.data.copy).toMatchObject({ status: 'success', source: `http://127.0.0.1:10000/${ACCOUNT}/disks/disk.vhd` });

    expect((await copy('log', `${ACCOUNT}/logs/app.log`)).status).toBe(202);
    const log = await blobs.call('GET', `${ACCOUNT}/copies/log`);
    expect([log.headers.get('x-ms-blob-type'), log.body.equals((await blobs.call('GET', `${ACCOUNT}/logs/app.log`)).body)]).toEqual(['AppendBlob', true]);
    // The copy is an append blob like any other.
    expect((await blobs.call('PUT', `${ACCOUNT}/copies/log?comp=appendblock`, { body: 'tail' })).status).toBe(201);
  });

  it('reads a source in another account of the subscription; refuses one elsewhere or missing, and a bad URL', async () => {
    await blobs.createAccount('morerest2');
    await blobs.call('PUT', 'morerest2/box?restype=container');
    await blobs.call('PUT', 'morerest2/box/x.txt', { body: 'from the other account', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect((await copy('other.txt', 'morerest2/box/x.txt')).status).toBe(202);
    expect((await blobs.call('GET', `${ACCOUNT}/copies/other.txt`)).text).toBe('from the other account');

    await blobs.publishAccountEvent('strangers', 'StorageAccountCreated', {
      subscriptionId: 'another-subscription',
      location: 'eastus',
      sku: 'Standard_LRS',
      kind: 'StorageV2',
      deploymentModel: 'ResourceManager',
      createdAt: new Date().toISOString(),
    });
    await waitFor(async () => (await blobs.db.query(`SELECT 1 FROM account_encryption_state WHERE account_name = 'strangers'`)).length === 1, { what: 'the stranger account' });
    const extents = await extentCount();
    expect(await copy('x', 'strangers/box/x.txt')).toMatchObject({ status: 403, code: 'AuthorizationFailure' });
    expect(await copy('x', 'nosuchaccount/box/x.txt')).toMatchObject({ status: 404, code: 'CannotVerifyCopySource' });
    expect(await copy('x', `${ACCOUNT}/logs/nothing`)).toMatchObject({ status: 404, code: 'CannotVerifyCopySource' });
    expect(await blobs.call('PUT', `${ACCOUNT}/copies/x`, { headers: { 'x-ms-copy-source': 'not a url' } })).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });
    expect(await copy('x', `${ACCOUNT}/logs/source.bin`, { 'if-match': '*' })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect(await extentCount()).toEqual(extents);
  });

  it('copies a leased source only while it holds the lease x-ms-source-lease-id names; a leased destination only with its own lease id', async () => {
    const lease = (path: string, headers: Record<string, string>) => blobs.call('PUT', `${ACCOUNT}/${path}?comp=lease`, { headers });
    const [held, other] = [randomUUID(), randomUUID()];
    await blobs.call('PUT', `${ACCOUNT}/logs/leased.txt`, { body: 'leased source', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect((await lease('logs/leased.txt', { 'x-ms-lease-action': 'acquire', 'x-ms-lease-duration': '-1', 'x-ms-proposed-lease-id': held })).status).toBe(201);
    expect((await copy('from-leased.txt', `${ACCOUNT}/logs/leased.txt`)).status).toBe(202); // reading needs no lease
    expect(await copy('x', `${ACCOUNT}/logs/leased.txt`, { 'x-ms-source-lease-id': other })).toMatchObject({ status: 412, code: 'LeaseIdMismatchWithBlobOperation' });
    expect((await copy('from-leased.txt', `${ACCOUNT}/logs/leased.txt`, { 'x-ms-source-lease-id': held })).status).toBe(202);

    expect((await lease('copies/from-leased.txt', { 'x-ms-lease-action': 'acquire', 'x-ms-lease-duration': '15', 'x-ms-proposed-lease-id': other })).status).toBe(201);
    expect(await copy('from-leased.txt', `${ACCOUNT}/logs/leased.txt`)).toMatchObject({ status: 412, code: 'LeaseIdMissing' });
    expect((await copy('from-leased.txt', `${ACCOUNT}/logs/leased.txt`, { 'x-ms-lease-id': other })).status).toBe(202);
    expect((await blobs.call('GET', `${ACCOUNT}/copies/from-leased.txt`)).text).toBe('leased source');
  });
});
