import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { RegionStores } from '../../region-stores/region-stores';
import { REGION, startBlobService, type BlobServiceUnderTest } from '../../testing/blob-service.fixture';

// What a write costs in SQL round trips to its region store (the 4 KiB
// benchmark's bottleneck is blob-data-service's event loop, and each round
// trip is a share of it): every statement a request sends, START and COMMIT
// included, counted by wrapping the store's query runners. A change's
// transaction is five: START, lock, one read, one statement of all its
// writes, COMMIT (four round trips: PreparingClient sends START with the
// lock, libs/platform's prepared-statements.int.spec.ts counts those). The outbox relay's statements are left out (those of a
// connection that took its lock or deleted published rows, and a transaction
// that had only begun when the request was answered).

const ACCOUNT = 'tripsacct';
const KiB = 1024;
let blobs: BlobServiceUnderTest;
let statements: string[][] = [];

const RELAY = /pg_try_advisory|DELETE FROM outbox/;

const countQueries = (dataSource: DataSource) => {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    const sent: string[] = [];
    statements.push(sent);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      sent.push(sql);
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  };
};

/** The statements the store received while `call` ran (the relay's left out). */
const roundTrips = async (call: () => Promise<{ status: number }>): Promise<string[]> => {
  statements = [];
  const { status } = await call();
  expect(status).toBeLessThan(300);
  return statements.filter((sent) => !sent.some((sql) => RELAY.test(sql)) && sent.join() !== 'START TRANSACTION').flat();
};

beforeAll(async () => {
  blobs = await startBlobService('write-round-trips');
  await blobs.createAccount(ACCOUNT);
  expect((await blobs.call('PUT', `${ACCOUNT}/box?restype=container`)).status).toBe(201);
  const store = await blobs.app.get(RegionStores).store(REGION);
  countQueries(store.dataSource as DataSource);
}, 60_000);
afterAll(() => blobs?.close());

const put = (path: string, call: Parameters<BlobServiceUnderTest['call']>[2]) => () => blobs.call('PUT', `${ACCOUNT}/box/${path}`, call);
const blockId = Buffer.from('block-1').toString('base64');

// Expected: all statements, preflight included (Copy Blob: its transaction only, the source's reads are a read's).
it.each<[string, () => Promise<{ status: number }>, number | undefined]>([
  ['Put Blob (4 KiB, new)', put('a.bin', { body: randomBytes(4 * KiB), headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-k': 'v' } }), 5],
  ['Put Blob (4 KiB, over an existing blob)', put('a.bin', { body: randomBytes(4 * KiB), headers: { 'x-ms-blob-type': 'BlockBlob' } }), 5],
  ['Set Blob Metadata', put('a.bin?comp=metadata', { headers: { 'x-ms-meta-k': 'w' } }), 5],
  ['Set Blob Properties', put('a.bin?comp=properties', { headers: { 'x-ms-blob-content-type': 'text/plain' } }), 5],
  ['Put Block', put(`b.bin?comp=block&blockid=${encodeURIComponent(blockId)}`, { body: randomBytes(4 * KiB) }), 5],
  ['Put Block List', put('b.bin?comp=blocklist', { body: `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId}</Latest></BlockList>` }), 5],
  ['Copy Blob', put('c.bin', { headers: { 'x-ms-copy-source': `http://localhost/${ACCOUNT}/box/a.bin` } }), undefined],
  ['Create Append Blob', put('d.log', { headers: { 'x-ms-blob-type': 'AppendBlob' } }), 5],
  ['Append Block', put('d.log?comp=appendblock', { body: randomBytes(4 * KiB) }), 5],
  ['Create Page Blob', put('e.vhd', { headers: { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': String(64 * KiB) } }), 5],
  ['Put Page (after its preflight)', put('e.vhd?comp=page', { body: randomBytes(4 * KiB), headers: { 'x-ms-page-write': 'update', 'x-ms-range': `bytes=0-${4 * KiB - 1}` } }), 6],
  ['Put Page clear (after its preflight)', put('e.vhd?comp=page', { headers: { 'x-ms-page-write': 'clear', 'x-ms-range': `bytes=${KiB}-${2 * KiB - 1}` } }), 6],
  ['Resize (shrink)', put('e.vhd?comp=properties', { headers: { 'x-ms-blob-content-length': String(2 * KiB) } }), 5],
  ['Update Sequence Number', put('e.vhd?comp=properties', { headers: { 'x-ms-sequence-number-action': 'increment' } }), 5],
  ['Delete Blob', () => blobs.call('DELETE', `${ACCOUNT}/box/a.bin`), 5],
])('%s', async (_, call, expected) => {
  const sent = await roundTrips(call);
  const begin = sent.indexOf('START TRANSACTION');
  expect(sent.slice(begin, sent.indexOf('COMMIT') + 1)).toHaveLength(5);
  expect(sent.lastIndexOf('START TRANSACTION')).toBe(begin);
  if (expected !== undefined) expect(sent).toHaveLength(expected);
});
