import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { RawStore } from '../../testing/raw-storage';
import { startBlobService, type BlobServiceUnderTest } from '../../testing/blob-service.fixture';
import { UncommittedBlockExpiry } from './uncommitted-block-expiry';

// Azure's garbage collection of uncommitted blocks: a blob's staged blocks
// go a week after its last Put Block, with their extents (rows and files);
// a blob staged to within the week keeps all of its blocks, and committed
// blocks are never touched. Staging times are moved back in the store to
// stand for the week.

const ACCOUNT = 'expiryacct';
const KiB = 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
let blobs: BlobServiceUnderTest;
let raw: RawStore;
/** Zones 2 and 3 of the region (zone 1 is its store, `raw`), made through the spec's context so that dispose drops them. */
let otherZones: RawStore[];

const id = (name: string) => Buffer.from(name).toString('base64');
const stage = async (blob: string, block: string, size = 100 * KiB) =>
  expect((await blobs.call('PUT', `${ACCOUNT}/box/${blob}?comp=block&blockid=${encodeURIComponent(id(block))}`, { body: randomBytes(size) })).status).toBe(201);
const commit = async (blob: string, blocks: string[]) =>
  blobs.call('PUT', `${ACCOUNT}/box/${blob}?comp=blocklist`, {
    body: `<?xml version="1.0" encoding="utf-8"?><BlockList>${blocks.map((b) => `<Latest>${id(b)}</Latest>`).join('')}</BlockList>`,
  });
const stagedAgo = (blob: string, block: string, days: number) =>
  raw.db.query(`UPDATE staged_blocks SET staged_at = now() - $3 * interval '1 day' WHERE blob_name = $1 AND block_id = $2`, [blob, id(block), days]);
const stagedExtents = async (blob: string): Promise<string[]> =>
  (await raw.db.query(`SELECT unnest(extent_ids) AS id FROM staged_blocks WHERE blob_name = $1`, [blob])).map((r: { id: string }) => r.id);
const uncommitted = async (blob: string): Promise<string> =>
  (await blobs.call('GET', `${ACCOUNT}/box/${blob}?comp=blocklist&blocklisttype=uncommitted`)).text;

beforeAll(async () => {
  blobs = await startBlobService('uncommitted-block-expiry');
  await blobs.createAccount(ACCOUNT);
  expect((await blobs.call('PUT', `${ACCOUNT}/box?restype=container`)).status).toBe(201);
  raw = await blobs.rawStore();
  otherZones = [await blobs.rawStore('eastusz2'), await blobs.rawStore('eastusz3')];
}, 60_000);
afterAll(() => blobs?.close());

it('discards the blocks of a blob left a week without Put Block, with their extents; a blob staged since keeps them all', async () => {
  await stage('abandoned.bin', 'a1');
  await stage('abandoned.bin', 'a2');
  await stagedAgo('abandoned.bin', 'a1', 9);
  await stagedAgo('abandoned.bin', 'a2', 8);
  await stage('resumed.bin', 'r1');
  await stage('resumed.bin', 'r2');
  await stagedAgo('resumed.bin', 'r1', 9);
  await stage('fresh.bin', 'f1');
  const abandoned = await stagedExtents('abandoned.bin');
  const kept = [...(await stagedExtents('resumed.bin')), ...(await stagedExtents('fresh.bin'))];
  expect(abandoned.every((extent) => existsSync(raw.files.pathOf(extent)))).toBe(true);

  expect(await blobs.app.get(UncommittedBlockExpiry).sweep()).toBe(2);

  expect(await uncommitted('abandoned.bin')).not.toContain('<Block>');
  const [{ count }] = await raw.db.query(`SELECT count(*)::int AS count FROM extents WHERE id = ANY($1::uuid[])`, [abandoned]);
  expect(count).toBe(0);
  expect(abandoned.some((extent) => existsSync(raw.files.pathOf(extent)))).toBe(false);
  expect((await commit('abandoned.bin', ['a1'])).code).toBe('InvalidBlockList');

  expect(kept.every((extent) => existsSync(raw.files.pathOf(extent)))).toBe(true);
  expect((await commit('resumed.bin', ['r1', 'r2'])).status).toBe(201);
  expect((await blobs.call('GET', `${ACCOUNT}/box/resumed.bin`)).body.length).toBe(200 * KiB);
  expect(await uncommitted('fresh.bin')).toContain(id('f1'));
});

it("discards a committed blob's stale staged blocks, never its committed ones", async () => {
  await stage('committed.bin', 'c1');
  expect((await commit('committed.bin', ['c1'])).status).toBe(201);
  await stage('committed.bin', 'c2');
  await stagedAgo('committed.bin', 'c2', 8);

  expect(await blobs.app.get(UncommittedBlockExpiry).sweep(new Date(Date.now() + DAY_MS))).toBe(1);

  expect((await blobs.call('GET', `${ACCOUNT}/box/committed.bin`)).body.length).toBe(100 * KiB);
  expect(await uncommitted('committed.bin')).not.toContain('<Block>');
});

it("discards a Standard_ZRS blob's stale blocks from all three zone copies at once", async () => {
  await blobs.createAccount('expiryzrs', { sku: 'Standard_ZRS' });
  expect((await blobs.call('PUT', 'expiryzrs/box?restype=container')).status).toBe(201);
  expect((await blobs.call('PUT', `expiryzrs/box/zoned.bin?comp=block&blockid=${encodeURIComponent(id('z1'))}`, { body: randomBytes(KiB) })).status).toBe(201);
  const zones = [raw, ...otherZones];
  const staged = () => Promise.all(zones.map(async (zone) => (await zone.db.query(`SELECT count(*)::int AS n FROM staged_blocks WHERE account_name = 'expiryzrs'`))[0].n));
  expect(await staged()).toEqual([1, 1, 1]);
  for (const zone of zones) await zone.db.query(`UPDATE staged_blocks SET staged_at = now() - interval '8 days' WHERE account_name = 'expiryzrs'`);

  expect(await blobs.app.get(UncommittedBlockExpiry).sweep()).toBe(1);

  expect(await staged()).toEqual([0, 0, 0]);
});
