import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, outboxRelayed } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { storedBytes, storedCounts } from '../testing/raw-storage';

// The Blob REST surface of blob-data-service as the gateway forwards it
// (data-plane protocol headers, /blob/{account}/...), against real Postgres
// (main database + the eastus region store) and Kafka, for accounts without
// SSE (encryption with the real key service: test/blob-data-plane.int.spec.ts).

const ACCOUNT = 'plainacct';
const MiB = 1024 * 1024;
let blobs: BlobServiceUnderTest;

const md5 = (data: Buffer) => createHash('md5').update(data).digest('base64');
const blockId = (n: number) => Buffer.from(`block-${String(n).padStart(6, '0')}`).toString('base64');
/** Extent rows and files in the region store (a refused or deleted write leaves neither). */
const extentCount = async () => storedCounts(await blobs.rawStore());

beforeAll(async () => {
  blobs = await startBlobService('blob-rest');
  await blobs.createAccount(ACCOUNT);
}, 60_000);
afterAll(() => blobs?.close());

describe('containers', () => {
  it('creates, reads, lists (paged) and deletes containers, echoing x-ms-version and the request id', async () => {
    const created = await blobs.call('PUT', `${ACCOUNT}/alpha?restype=container`, { headers: { 'x-ms-meta-Owner': 'team-a', 'x-ms-request-id': 'req-1', 'x-ms-version': '2020-10-02' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toMatch(/^"0x[0-9A-F]{16}"$/);
    expect(created.headers.get('x-ms-version')).toBe('2020-10-02');
    expect(created.headers.get('x-ms-request-id')).toBe('req-1');
    expect(await blobs.call('PUT', `${ACCOUNT}/alpha?restype=container`)).toMatchObject({ status: 409, code: 'ContainerAlreadyExists' });
    for (const name of ['alpha2', 'beta', 'gamma']) expect((await blobs.call('PUT', `${ACCOUNT}/${name}?restype=container`)).status).toBe(201);

    const props = await blobs.call('HEAD', `${ACCOUNT}/alpha?restype=container`);
    expect(props.status).toBe(200);
    expect(props.headers.get('x-ms-meta-owner')).toBe('team-a');

    const page1 = await blobs.call('GET', `${ACCOUNT}?comp=list&maxresults=2`);
    expect(page1.text).toContain('<Name>alpha</Name>');
    expect(page1.text).toContain('<Name>alpha2</Name>');
    const marker = /<NextMarker>([^<]+)<\/NextMarker>/.exec(page1.text)![1];
    const page2 = await blobs.call('GET', `${ACCOUNT}?comp=list&maxresults=2&marker=${marker}`);
    expect([...page2.text.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual(['beta', 'gamma']);
    expect(page2.text).toContain('<NextMarker />');
    const prefixed = await blobs.call('GET', `${ACCOUNT}?comp=list&prefix=al&include=metadata`);
    expect([...prefixed.text.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual(['alpha', 'alpha2']);
    expect(prefixed.text).toContain('<Metadata><Owner>team-a</Owner></Metadata>');

    expect((await blobs.call('DELETE', `${ACCOUNT}/gamma?restype=container`)).status).toBe(202);
    expect(await blobs.call('HEAD', `${ACCOUNT}/gamma?restype=container`)).toMatchObject({ status: 404, code: 'ContainerNotFound' });
    expect(await blobs.call('PUT', `${ACCOUNT}/Bad_Name?restype=container`)).toMatchObject({ status: 400, code: 'InvalidResourceName' });
  });
});

describe('block blobs', () => {
  const data = randomBytes(5 * MiB + 12_345);

  beforeAll(async () => {
    await blobs.call('PUT', `${ACCOUNT}/blocks?restype=container`);
  });

  it('Put Blob of several MiB, read back whole, by range and as properties', async () => {
    const put = await blobs.call('PUT', `${ACCOUNT}/blocks/dir/single.bin`, {
      body: data,
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-md5': md5(data), 'x-ms-blob-content-type': 'application/x-test', 'x-ms-meta-Color': 'blue' },
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('content-md5')).toBe(md5(data));
    expect(put.headers.get('x-ms-request-server-encrypted')).toBe('false');

    const got = await blobs.call('GET', `${ACCOUNT}/blocks/dir/single.bin`);
    expect(got.status).toBe(200);
    expect(got.body.equals(data)).toBe(true);
    expect(Object.fromEntries(['content-length', 'content-type', 'content-md5', 'etag', 'x-ms-blob-type', 'x-ms-server-encrypted', 'x-ms-meta-color', 'accept-ranges'].map((h) => [h, got.headers.get(h)]))).toEqual({
      'content-length': String(data.length),
      'content-type': 'application/x-test',
      'content-md5': md5(data),
      etag: put.headers.get('etag'),
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-server-encrypted': 'false',
      'x-ms-meta-color': 'blue',
      'accept-ranges': 'bytes',
    });

    // Ranges inside one package, across packages and extents, to the end; x-ms-range wins over Range.
    for (const [start, end] of [[0, 0], [65_530, 65_545], [4 * MiB - 3, 4 * MiB + 70_000], [data.length - 10, data.length - 1]]) {
      const part = await blobs.call('GET', `${ACCOUNT}/blocks/dir/single.bin`, { headers: { 'x-ms-range': `bytes=${start}-${end}`, range: 'bytes=0-1' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${data.length}`);
      expect(part.body.equals(data.subarray(start, end + 1))).toBe(true);
    }
    const tail = await blobs.call('GET', `${ACCOUNT}/blocks/dir/single.bin`, { headers: { range: `bytes=${data.length - 5}-` } });
    expect(tail.body.equals(data.subarray(data.length - 5))).toBe(true);

    const head = await blobs.call('HEAD', `${ACCOUNT}/blocks/dir/single.bin`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(data.length));
    expect(head.headers.get('x-ms-server-encrypted')).toBe('false');
  });

  it('stores any body as sent: JSON and form bodies are blob data, not parsed', async () => {
    for (const [name, type, body] of [
      ['doc.json', 'application/json', '{"a": 1}'],
      ['form.txt', 'application/x-www-form-urlencoded', 'a=1&b=2'],
    ]) {
      expect((await blobs.call('PUT', `${ACCOUNT}/blocks/${name}`, { body, headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': type } })).status).toBe(201);
      const got = await blobs.call('GET', `${ACCOUNT}/blocks/${name}`);
      expect([got.text, got.headers.get('content-type')]).toEqual([body, type]);
    }
  });

  it('refuses bad ranges with InvalidRange (416)', async () => {
    for (const header of [{ 'x-ms-range': `bytes=${data.length}-` }, { range: 'bytes=10-5' }, { 'x-ms-range': 'bytes=abc' }] as Record<string, string>[])
      expect(await blobs.call('GET', `${ACCOUNT}/blocks/dir/single.bin`, { headers: header })).toMatchObject({ status: 416, code: 'InvalidRange' });
    // A malformed Range (not x-ms-range) is ignored, as HTTP says.
    expect((await blobs.call('GET', `${ACCOUNT}/blocks/dir/single.bin`, { headers: { range: 'lines=1-2' } })).status).toBe(200);
  });

  it('stages blocks, commits a block list (Latest / Uncommitted / Committed), and lists blocks', async () => {
    const parts = [randomBytes(3 * MiB), randomBytes(100), randomBytes(2 * MiB + 1)];
    for (const [i, part] of parts.entries()) {
      const staged = await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=block&blockid=${encodeURIComponent(blockId(i))}`, { body: part, headers: { 'content-md5': md5(part) } });
      expect(staged.status).toBe(201);
      expect(staged.headers.get('content-md5')).toBe(md5(part));
    }
    expect(await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin`)).toMatchObject({ status: 404, code: 'BlobNotFound' });
    const uncommitted = await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin?comp=blocklist&blocklisttype=uncommitted`);
    expect([...uncommitted.text.matchAll(/<Name>([^<]+)<\/Name><Size>(\d+)<\/Size>/g)].map((m) => [m[1], Number(m[2])])).toEqual(parts.map((p, i) => [blockId(i), p.length]));

    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId(2)}</Latest><Uncommitted>${blockId(0)}</Uncommitted></BlockList>`;
    const committed = await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=blocklist`, { body: list, headers: { 'x-ms-blob-content-type': 'text/plain', 'x-ms-meta-Stage': 'one' } });
    expect(committed.status).toBe(201);
    expect((await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin`)).body.equals(Buffer.concat([parts[2], parts[0]]))).toBe(true);
    const all = await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin?comp=blocklist&blocklisttype=all`);
    expect(all.text).toBe(
      `<?xml version="1.0" encoding="utf-8"?><BlockList><CommittedBlocks><Block><Name>${blockId(2)}</Name><Size>${parts[2].length}</Size></Block>` +
        `<Block><Name>${blockId(0)}</Name><Size>${parts[0].length}</Size></Block></CommittedBlocks><UncommittedBlocks></UncommittedBlocks></BlockList>`,
    );

    // Reuse a committed block and add a new one: the unused block's extents are gone.
    const before = await extentCount();
    const extra = randomBytes(1000);
    await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=block&blockid=${encodeURIComponent(blockId(3))}`, { body: extra });
    const again = `<BlockList><Committed>${blockId(0)}</Committed><Latest>${blockId(3)}</Latest></BlockList>`;
    expect((await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=blocklist`, { body: again })).status).toBe(201);
    expect((await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin`)).body.equals(Buffer.concat([parts[0], extra]))).toBe(true);
    // block 2 (1 data extent, in a file) and the old metadata extent are deleted; block 3 (1 small extent, inline) was added.
    expect(await extentCount()).toEqual({ rows: before.rows + 1 - 1 - 1, files: before.files - 1 });
  });

  it('refuses a block list naming an unknown block, a malformed one, and bad block ids, storing nothing', async () => {
    const before = await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin`);
    const extents = await extentCount();
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=blocklist`, { body: `<BlockList><Uncommitted>${blockId(9)}</Uncommitted></BlockList>` })).toMatchObject({ status: 400, code: 'InvalidBlockList' });
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=blocklist`, { body: '<BlockList><Nope>x</Nope></BlockList>' })).toMatchObject({ status: 400, code: 'InvalidXmlDocument' });
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=block&blockid=not*base64`, { body: 'x' })).toMatchObject({ status: 400, code: 'InvalidBlockId' });
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=block&blockid=${encodeURIComponent(Buffer.from('short').toString('base64'))}`, { body: 'x' })).toMatchObject({ status: 400, code: 'InvalidBlockId' });
    const tooMany = `<BlockList>${`<Latest>${blockId(0)}</Latest>`.repeat(5_001)}</BlockList>`;
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/staged.bin?comp=blocklist`, { body: tooMany })).toMatchObject({ status: 409, code: 'BlockCountExceedsLimit' });
    const after = await blobs.call('GET', `${ACCOUNT}/blocks/staged.bin`);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(after.body.equals(before.body)).toBe(true);
    expect(await extentCount()).toEqual(extents);
  });

  it('honours If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since', async () => {
    const path = `${ACCOUNT}/blocks/cond.txt`;
    const put = await blobs.call('PUT', path, { body: 'v1', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    const etag = put.headers.get('etag')!;
    const lastModified = new Date(put.headers.get('last-modified')!);
    const past = new Date(lastModified.getTime() - 3_600_000).toUTCString();
    const future = new Date(lastModified.getTime() + 3_600_000).toUTCString();

    expect((await blobs.call('GET', path, { headers: { 'if-match': etag } })).status).toBe(200);
    expect(await blobs.call('GET', path, { headers: { 'if-match': '"0xNOPE"' } })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect((await blobs.call('GET', path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await blobs.call('HEAD', path, { headers: { 'if-modified-since': future } })).status).toBe(304);
    expect((await blobs.call('GET', path, { headers: { 'if-modified-since': past } })).status).toBe(200);
    expect(await blobs.call('HEAD', path, { headers: { 'if-unmodified-since': past } })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect(await blobs.call('GET', path, { headers: { 'if-modified-since': 'not a date' } })).toMatchObject({ status: 400, code: 'InvalidHeaderValue' });

    expect(await blobs.call('PUT', path, { body: 'v2', headers: { 'x-ms-blob-type': 'BlockBlob', 'if-none-match': '*' } })).toMatchObject({ status: 409, code: 'BlobAlreadyExists' });
    expect(await blobs.call('PUT', path, { body: 'v2', headers: { 'x-ms-blob-type': 'BlockBlob', 'if-match': '"0xNOPE"' } })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect(await blobs.call('PUT', `${ACCOUNT}/blocks/absent.txt`, { body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob', 'if-match': '*' } })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
    expect((await blobs.call('PUT', path, { body: 'v2', headers: { 'x-ms-blob-type': 'BlockBlob', 'if-match': etag } })).status).toBe(201);
    expect((await blobs.call('GET', path)).text).toBe('v2');
    expect(await blobs.call('DELETE', path, { headers: { 'if-match': etag } })).toMatchObject({ status: 412, code: 'ConditionNotMet' });
  });

  it('sets metadata and HTTP headers: each replaces the previous values and changes the ETag', async () => {
    const path = `${ACCOUNT}/blocks/props.txt`;
    await blobs.call('PUT', path, { body: 'hello', headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-One': '1', 'content-type': 'text/plain', 'cache-control': 'no-cache' } });
    const meta = await blobs.call('PUT', `${path}?comp=metadata`, { headers: { 'x-ms-meta-Two': '2', 'x-ms-meta-three': 'drei' } });
    expect(meta.status).toBe(200);
    const head = await blobs.call('HEAD', path);
    expect(head.headers.get('x-ms-meta-one')).toBeNull();
    expect([head.headers.get('x-ms-meta-two'), head.headers.get('x-ms-meta-three'), head.headers.get('etag')]).toEqual(['2', 'drei', meta.headers.get('etag')]);
    expect(await blobs.call('PUT', `${path}?comp=metadata`, { headers: { 'x-ms-meta-1bad': 'x' } })).toMatchObject({ status: 400, code: 'InvalidMetadata' });

    expect((await blobs.call('PUT', `${path}?comp=properties`, { headers: { 'x-ms-blob-content-type': 'text/markdown' } })).status).toBe(200);
    const after = await blobs.call('GET', path);
    expect([after.text, after.headers.get('content-type'), after.headers.get('cache-control'), after.headers.get('x-ms-meta-two')]).toEqual(['hello', 'text/markdown', null, '2']);
  });

  it('lists blobs with prefix, delimiter, paging and metadata, each with ServerEncrypted', async () => {
    await blobs.call('PUT', `${ACCOUNT}/listing?restype=container`);
    for (const name of ['a.txt', 'dir/one', 'dir/two', 'dir/sub/three', 'e%20f.txt', 'z'])
      await blobs.call('PUT', `${ACCOUNT}/listing/${name}`, { body: name, headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-Name': name } });
    const names = (xml: string) => [...xml.matchAll(/<(Blob|BlobPrefix)><Name>([^<]+)<\/Name>/g)].map((m) => `${m[1] === 'BlobPrefix' ? 'prefix:' : ''}${m[2]}`);

    const top = await blobs.call('GET', `${ACCOUNT}/listing?restype=container&comp=list&delimiter=/`);
    expect(names(top.text)).toEqual(['a.txt', 'prefix:dir/', 'e f.txt', 'z']);
    expect(top.text).toContain('<ServerEncrypted>false</ServerEncrypted>');
    const dir = await blobs.call('GET', `${ACCOUNT}/listing?restype=container&comp=list&delimiter=/&prefix=dir/&include=metadata`);
    expect(names(dir.text)).toEqual(['dir/one', 'prefix:dir/sub/', 'dir/two']);
    expect(dir.text).toContain('<Metadata><Name>dir/one</Name></Metadata>');

    const seen: string[] = [];
    let marker = '';
    do {
      const page = await blobs.call('GET', `${ACCOUNT}/listing?restype=container&comp=list&maxresults=2${marker ? `&marker=${marker}` : ''}`);
      seen.push(...names(page.text));
      marker = /<NextMarker>([^<]*)<\/NextMarker>/.exec(page.text)?.[1] ?? '';
    } while (marker);
    expect(seen).toEqual(['a.txt', 'dir/one', 'dir/sub/three', 'dir/two', 'e f.txt', 'z']);
    expect(await blobs.call('GET', `${ACCOUNT}/listing?restype=container&comp=list&maxresults=0`)).toMatchObject({ status: 400, code: 'InvalidQueryParameterValue' });
  });

  it('deletes a blob with its extents, and says BlobCommitted / BlobDeleted on atrest.blobs', async () => {
    const path = `${ACCOUNT}/blocks/gone.bin`;
    const before = await extentCount();
    await blobs.call('PUT', path, { body: randomBytes(70_000), headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-K': 'v' } });
    // 70,000 bytes are past what stays inline: a row and a file; the metadata extent a row.
    expect(await extentCount()).toEqual({ rows: before.rows + 2, files: before.files + 1 });
    expect((await blobs.call('DELETE', path)).status).toBe(202);
    expect(await extentCount()).toEqual(before);
    expect(await blobs.call('DELETE', path)).toMatchObject({ status: 404, code: 'BlobNotFound' });

    const messages = await new KafkaProbe(blobs.ctx.kafkaBrokers).readAll(`${blobs.ctx.topicPrefix}${Topics.blobs}`, { atLeast: 1000, timeoutMs: 5_000 });
    const events = messages.map((m) => JSON.parse(m.value!.toString())).filter((e) => e.streamId === `Blob-${ACCOUNT}/blocks/gone.bin`);
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
      ['BlobCommitted', 1],
      ['BlobDeleted', 2],
    ]);
    expect(events[0].data).toMatchObject({ accountName: ACCOUNT, containerName: 'blocks', blobName: 'gone.bin', region: 'eastus', size: 70_000, serverEncrypted: false });
    expect(events[0].data.extents).toEqual([{ extentId: expect.any(String), size: 70_000, encrypted: false, keyId: null, kekVersion: null }]);
    expect(events[0].data.metadata).toMatchObject({ encrypted: false });
  });
});

describe('internal extent API (the replicator\'s seam)', () => {
  it('answers an extent\'s stored bytes and what a copy needs; only catalogue regions and known ids', async () => {
    await blobs.call('PUT', `${ACCOUNT}/raw?restype=container`);
    const data = randomBytes(100_000);
    await blobs.call('PUT', `${ACCOUNT}/raw/blob.bin`, { body: data, headers: { 'x-ms-blob-type': 'BlockBlob' } });
    const [{ id }] = await (await blobs.regionDb()).query(
      `SELECT e.id FROM extents e JOIN blob_blocks b ON e.id = ANY(b.extent_ids) WHERE b.blob_name = 'blob.bin' AND b.container_name = 'raw'`,
    );
    const raw = await fetch(`${blobs.base}/internal/regions/eastus/extents/${id}`);
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).equals((await storedBytes(await blobs.rawStore(), id))!)).toBe(true);
    expect(Object.fromEntries(['x-atrest-extent-account', 'x-atrest-extent-kind', 'x-atrest-extent-size', 'x-atrest-extent-encrypted', 'x-atrest-extent-key-id'].map((h) => [h, raw.headers.get(h)]))).toEqual({
      'x-atrest-extent-account': ACCOUNT,
      'x-atrest-extent-kind': 'data',
      'x-atrest-extent-size': '100000',
      'x-atrest-extent-encrypted': 'false',
      'x-atrest-extent-key-id': null,
    });
    expect((await fetch(`${blobs.base}/internal/regions/eastus/extents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${blobs.base}/internal/regions/atlantis/extents/${id}`)).status).toBe(404);
  });
});

describe('refusals: each its Azure error, nothing stored, the service still healthy', () => {
  beforeAll(async () => {
    await blobs.call('PUT', `${ACCOUNT}/refusals?restype=container`);
    await blobs.createAccount('premiumacct', { sku: 'Premium_LRS' });
    await blobs.createAccount('geoacct', { sku: 'Standard_RAGRS' });
  });

  /** A raw PUT whose headers claim a body it never sends in full (too large to send). */
  const claim = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; code: string | undefined }>((resolve, reject) => {
      const { hostname, port } = new URL(blobs.base);
      const req = httpRequest({ hostname, port, method: 'PUT', path: `/blob/${path}`, headers: { 'x-ms-blob-type': 'BlockBlob', ...headers } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, code: res.headers['x-ms-error-code'] as string | undefined });
      });
      req.on('error', reject);
      req.write(randomBytes(1024));
    });

  it.each([
    ['an unknown account', 'GET', 'nosuchacct/box/b', {}, 404, 'AccountNotFound'],
    ['an unknown container', 'PUT', `${ACCOUNT}/nosuchcontainer/b`, { 'x-ms-blob-type': 'BlockBlob' }, 404, 'ContainerNotFound'],
    ['an unknown blob (HEAD carries the code too)', 'HEAD', `${ACCOUNT}/refusals/nothing`, {}, 404, 'BlobNotFound'],
    ['a missing blob type', 'PUT', `${ACCOUNT}/refusals/b`, {}, 400, 'MissingRequiredHeader'],
    ['an unknown blob type', 'PUT', `${ACCOUNT}/refusals/b`, { 'x-ms-blob-type': 'TextBlob' }, 400, 'InvalidHeaderValue'],
    ['a malformed Content-MD5', 'PUT', `${ACCOUNT}/refusals/b`, { 'x-ms-blob-type': 'BlockBlob', 'content-md5': 'abc' }, 400, 'InvalidMd5'],
    ['a block blob in a premium account', 'PUT', 'premiumacct/box/b', { 'x-ms-blob-type': 'BlockBlob' }, 400, 'BlobTypeNotSupported'],
    ['an unknown operation', 'GET', `${ACCOUNT}/refusals?restype=container&comp=nope`, {}, 400, 'InvalidQueryParameterValue'],
    ['a known operation with another verb', 'POST', `${ACCOUNT}/refusals?restype=container`, {}, 405, 'UnsupportedHttpVerb'],
  ])('%s', async (_, method, path, headers, status, code) => {
    const extents = await extentCount();
    expect(await blobs.call(method, path, { headers, body: method === 'PUT' ? 'data' : undefined })).toMatchObject({ status, code });
    expect(await extentCount()).toEqual(extents);
  });

  it('refuses a body that does not match its Content-MD5, and an oversized body before reading it', async () => {
    const extents = await extentCount();
    const body = randomBytes(300_000);
    expect(await blobs.call('PUT', `${ACCOUNT}/refusals/md5`, { body, headers: { 'x-ms-blob-type': 'BlockBlob', 'content-md5': md5(Buffer.from('other')) } })).toMatchObject({
      status: 400,
      code: 'Md5Mismatch',
    });
    expect(await blobs.call('PUT', `${ACCOUNT}/refusals/md5?comp=block&blockid=${encodeURIComponent(blockId(1))}`, { body, headers: { 'content-md5': md5(Buffer.from('other')) } })).toMatchObject({
      status: 400,
      code: 'Md5Mismatch',
    });
    expect(await claim(`${ACCOUNT}/refusals/huge`, { 'content-length': String(100 * MiB + 1) })).toEqual({ status: 413, code: 'RequestBodyTooLarge' });
    expect(await claim(`${ACCOUNT}/refusals/huge?comp=block&blockid=${encodeURIComponent(blockId(1))}`, { 'content-length': String(200 * MiB) })).toEqual({
      status: 413,
      code: 'RequestBodyTooLarge',
    });
    expect(await claim(`${ACCOUNT}/refusals/chunked`, { 'transfer-encoding': 'chunked' })).toEqual({ status: 411, code: 'MissingContentLengthHeader' });
    expect(await blobs.call('GET', `${ACCOUNT}/refusals/md5`)).toMatchObject({ status: 404, code: 'BlobNotFound' });
    expect(await extentCount()).toEqual(extents);
    expect((await fetch(`${blobs.base}/health`)).status).toBe(200);
    expect((await fetch(`${blobs.base}/ready`)).status).toBe(200);
  });

  it('answers the secondary location: writes refused, reads only for RA-GRS (from the paired region’s copy)', async () => {
    expect(await blobs.call('PUT', `${ACCOUNT}/refusals/x`, { location: 'secondary', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })).toMatchObject({
      status: 403,
      code: 'WriteOperationNotSupportedOnSecondary',
    });
    expect(await blobs.call('GET', `${ACCOUNT}/refusals/x`, { location: 'secondary' })).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    // Served from the paired region's store (secondary-reads/), where nothing was replicated here: no containers.
    await blobs.regionDb('westus');
    const listed = await blobs.call('GET', 'geoacct?comp=list', { location: 'secondary' });
    expect([listed.status, listed.text.includes('<Container>')]).toEqual([200, false]);
  });

  it('never stores plaintext for an encrypting account when no key service answers: 503 ServerBusy, nothing stored', async () => {
    await blobs.createAccount('sseacct', { encrypted: true });
    await blobs.call('PUT', 'sseacct/box?restype=container');
    const extents = await extentCount();
    expect(await blobs.call('PUT', 'sseacct/box/b', { body: 'secret', headers: { 'x-ms-blob-type': 'BlockBlob' } })).toMatchObject({ status: 503, code: 'ServerBusy' });
    expect(await blobs.call('PUT', 'sseacct/box/b', { headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-A': 'b' } })).toMatchObject({ status: 503, code: 'ServerBusy' });
    expect(await extentCount()).toEqual(extents);
    // Accepted writes of an empty body with no metadata store no data at all: nothing to encrypt, and the blob says encrypted.
    const empty = await blobs.call('PUT', 'sseacct/box/empty', { headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect([empty.status, empty.headers.get('x-ms-request-server-encrypted')]).toEqual([201, 'true']);
    await outboxRelayed([await blobs.regionDb()], 'the region outbox relayed');
  });
});
