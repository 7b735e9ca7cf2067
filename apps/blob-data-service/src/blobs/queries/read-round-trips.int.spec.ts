import { randomBytes } from 'node:crypto';
import { RegionStore } from '../../region-stores/region-store';
import { startBlobService, type BlobServiceUnderTest } from '../../testing/blob-service.fixture';

// How many statements a read costs in the account's region store (after the
// account lookup in the main database): each is a round trip on
// blob-data-service's event loop, its bottleneck on small reads (README "Performance").

const ACCOUNT = 'roundtrips';
const KiB = 1024;
const MiB = 1024 * KiB;
let blobs: BlobServiceUnderTest;
const blockId = (n: number) => Buffer.from(`block-${String(n).padStart(6, '0')}`).toString('base64');

beforeAll(async () => {
  blobs = await startBlobService('read-round-trips');
  await blobs.createAccount(ACCOUNT);
  await blobs.call('PUT', `${ACCOUNT}/reads?restype=container`);
}, 60_000);
afterAll(() => blobs?.close());

/** The reply to a request for a blob of the container and the region-store statements it made ('?...': the container's own). */
const counted = async (method: string, path: string, headers: Record<string, string> = {}) => {
  const statements: string[] = [];
  const spy = jest.spyOn(RegionStore.prototype, 'query').mockImplementation(function (this: RegionStore, sql: string, parameters?: unknown[]) {
    statements.push(sql);
    return this.dataSource.query(sql, parameters);
  });
  try {
    return { reply: await blobs.call(method, `${ACCOUNT}/reads${path.startsWith('?') ? '' : '/'}${path}`, { headers }), statements };
  } finally {
    spy.mockRestore();
  }
};

const put = async (name: string, body: Buffer, headers: Record<string, string> = {}) =>
  expect((await blobs.call('PUT', `${ACCOUNT}/reads/${name}`, { body, headers: { 'x-ms-blob-type': 'BlockBlob', ...headers } })).status).toBe(201);

describe('region-store statements per read', () => {
  const small = randomBytes(4 * KiB);
  const large = randomBytes(5 * MiB + 100);

  beforeAll(async () => {
    await put('small', small);
    await put('small-meta', small, { 'x-ms-meta-Color': 'blue' });
    await put('large', large);
  });

  it('Get Blob of a small blob: one, with or without metadata', async () => {
    for (const name of ['small', 'small-meta']) {
      const { reply, statements } = await counted('GET', name);
      expect(reply.body.equals(small)).toBe(true);
      expect(statements).toHaveLength(1);
    }
    expect((await counted('GET', 'small-meta')).reply.headers.get('x-ms-meta-color')).toBe('blue');
  });

  it('Get Page Ranges: one, the row and its ranges from one snapshot', async () => {
    expect((await blobs.call('PUT', `${ACCOUNT}/reads/disk`, { headers: { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': String(MiB) } })).status).toBe(201);
    for (const offset of [0, 64 * KiB])
      await blobs.call('PUT', `${ACCOUNT}/reads/disk?comp=page`, { body: randomBytes(512), headers: { 'x-ms-page-write': 'update', 'x-ms-range': `bytes=${offset}-${offset + 511}` } });
    const { reply, statements } = await counted('GET', 'disk?comp=pagelist');
    expect(reply.text.match(/<PageRange>/g)).toHaveLength(2);
    expect(statements).toHaveLength(1);
  });

  it('Get Blob Properties: one', async () => {
    const { reply, statements } = await counted('HEAD', 'small-meta');
    expect([reply.status, reply.headers.get('x-ms-meta-color'), reply.headers.get('content-length')]).toEqual([200, 'blue', String(small.length)]);
    expect(statements).toHaveLength(1);
  });

  it('a condition that fails answers from the same one statement', async () => {
    const etag = (await blobs.call('HEAD', `${ACCOUNT}/reads/small-meta`)).headers.get('etag')!;
    const { reply, statements } = await counted('GET', 'small-meta', { 'if-none-match': etag });
    expect(reply.status).toBe(304);
    expect(statements).toHaveLength(1);
  });

  it('a range of a large blob: one (its packages come from the extent file)', async () => {
    const { reply, statements } = await counted('GET', 'large', { 'x-ms-range': `bytes=${3 * MiB}-${3 * MiB + 4 * KiB - 1}` });
    expect(reply.status).toBe(206);
    expect(reply.body.equals(large.subarray(3 * MiB, 3 * MiB + 4 * KiB))).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it('a blob of many small blocks: one, whole', async () => {
    const parts = Array.from({ length: 20 }, () => randomBytes(4 * KiB));
    for (const [i, part] of parts.entries())
      expect((await blobs.call('PUT', `${ACCOUNT}/reads/blocks?comp=block&blockid=${encodeURIComponent(blockId(i))}`, { body: part })).status).toBe(201);
    const list = `<BlockList>${parts.map((_, i) => `<Latest>${blockId(i)}</Latest>`).join('')}</BlockList>`;
    expect((await blobs.call('PUT', `${ACCOUNT}/reads/blocks?comp=blocklist`, { body: list })).status).toBe(201);
    const { reply, statements } = await counted('GET', 'blocks');
    expect(reply.body.equals(Buffer.concat(parts))).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it('inline bytes come with the row for the first MiB of a read only: past it, one statement per inline extent as before', async () => {
    const parts = Array.from({ length: 24 }, () => randomBytes(64 * KiB));
    for (const [i, part] of parts.entries())
      expect((await blobs.call('PUT', `${ACCOUNT}/reads/inline-blocks?comp=block&blockid=${encodeURIComponent(blockId(i))}`, { body: part })).status).toBe(201);
    const list = `<BlockList>${parts.map((_, i) => `<Latest>${blockId(i)}</Latest>`).join('')}</BlockList>`;
    expect((await blobs.call('PUT', `${ACCOUNT}/reads/inline-blocks?comp=blocklist`, { body: list })).status).toBe(201);
    const whole = Buffer.concat(parts);

    const all = await counted('GET', 'inline-blocks');
    expect(all.reply.body.equals(whole)).toBe(true);
    expect(all.statements).toHaveLength(1 + 24 - 16);
    // Counted from where the range starts: blocks 4 (the range starts in it) to 20 (it starts in the range's first MiB) come with the row.
    const range = await counted('GET', 'inline-blocks', { 'x-ms-range': `bytes=${4 * 64 * KiB + 10}-` });
    expect(range.reply.body.equals(whole.subarray(4 * 64 * KiB + 10))).toBe(true);
    expect(range.statements).toHaveLength(1 + 24 - 4 - 17);
  });

  it('an append blob: one for Get Blob and one for its properties', async () => {
    expect((await blobs.call('PUT', `${ACCOUNT}/reads/log`, { headers: { 'x-ms-blob-type': 'AppendBlob' } })).status).toBe(201);
    for (const part of ['one ', 'two']) expect((await blobs.call('PUT', `${ACCOUNT}/reads/log?comp=appendblock`, { body: part })).status).toBe(201);
    const got = await counted('GET', 'log');
    expect([got.reply.text, got.reply.headers.get('x-ms-blob-committed-block-count')]).toEqual(['one two', '2']);
    expect(got.statements).toHaveLength(1);
    const head = await counted('HEAD', 'log');
    expect(head.reply.headers.get('x-ms-blob-committed-block-count')).toBe('2');
    expect(head.statements).toHaveLength(1);
  });

  it('List Blobs with include=metadata: two (the container, then the rows with their metadata), however many blobs it lists', async () => {
    const { reply, statements } = await counted('GET', '?restype=container&comp=list&include=metadata');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/<Name>small-meta<\/Name>.*<Metadata><Color>blue<\/Color><\/Metadata>/s);
    expect((reply.text.match(/<Blob>/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(statements).toHaveLength(2);
  });
});
