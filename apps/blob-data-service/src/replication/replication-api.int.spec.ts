import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { EXTENT_FILES, retiredCount, scanForMarker, storedCounts, storedExtents, type RawStore } from '../testing/raw-storage';
import { replicationByHand, type ReplicationByHand } from './testing/replicate-by-hand';

// The internal replication API (docs/adr/0007) driven as replicator-service
// drives it: snapshots from the primary region's store (eastus), extents
// copied byte for byte, snapshots applied to the paired store (westus).
// Real Postgres and Kafka; the raw rows and extent files of both stores are compared.

const ACCOUNT = 'replapi';
const MiB = 1024 * 1024;
const MARKER = `replication-plain-marker-${randomBytes(4).toString('hex')}`;

let blobs: BlobServiceUnderTest;
let east: DataSource;
let west: DataSource;
let eastRaw: RawStore;
let westRaw: RawStore;

let replication: ReplicationByHand;

const rows = async (db: DataSource, sql: string) => JSON.stringify(await db.query(sql));

beforeAll(async () => {
  blobs = await startBlobService('replication-api');
  // The paired store's database is made through the spec's context (so dispose drops it) before the service first opens it.
  west = await blobs.regionDb('westus');
  east = await blobs.regionDb();
  westRaw = await blobs.rawStore('westus');
  eastRaw = await blobs.rawStore();
  await blobs.createAccount(ACCOUNT, { sku: 'Standard_RAGRS' });
  replication = replicationByHand(blobs.base, ACCOUNT);
  expect((await blobs.call('PUT', `${ACCOUNT}/box?restype=container`)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await blobs?.close();
});

describe('the internal replication API', () => {
  it('copies a container and its blobs byte for byte; every repeated step changes nothing', async () => {
    const big = Buffer.concat([randomBytes(3 * MiB), Buffer.from(MARKER), randomBytes(2 * MiB)]);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/dir/a.txt`, { body: MARKER, headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-owner': 'spec' } })).status).toBe(201);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/big.bin`, { body: big, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);

    expect(await replication.apply('container', 'box', undefined, await replication.snapshot('container', 'box'))).toEqual({ outcome: 'applied', version: 1 });
    expect(await replication.apply('container', 'box', undefined, await replication.snapshot('container', 'box'))).toEqual({ outcome: 'already-applied', version: 1 });

    // The snapshot can say which of its extents the secondary lacks (sparing the replicator an apply that would say so).
    const withMissing = await replication.call('GET', `/internal/replication/regions/eastus/blob?${replication.address('box', 'dir/a.txt')}&missingIn=westus`);
    expect((withMissing.body.missingExtents as string[]).sort()).toEqual([...(withMissing.body.extentIds as string[])].sort());
    const first = await replication.replicateBlob('box', 'dir/a.txt');
    // The first apply names the data and metadata extents the secondary lacks; after the copy it applies.
    expect(first.map((o) => o.outcome)).toEqual(['missing-extents', 'applied']);
    expect((first[0].missing as string[]).length).toBe(2);
    expect((await replication.replicateBlob('box', 'big.bin')).map((o) => o.outcome)).toEqual(['missing-extents', 'applied']);
    expect((await replication.replicateBlob('box', 'big.bin')).map((o) => o.outcome)).toEqual(['already-applied']);
    const [{ id }] = await west.query(`SELECT id FROM extents LIMIT 1`);
    expect(await replication.copyExtent(id)).toBe(200);

    for (const table of ['extents', 'data_keys', 'containers', 'blobs', 'blob_blocks']) {
      const order = table === 'extents' ? 'id' : table === 'data_keys' ? 'key_id' : table === 'blob_blocks' ? 'blob_name, ordinal' : table === 'blobs' ? 'blob_name' : 'container_name';
      const columns = table === 'extents' ? 'id, account_name, kind, size, encrypted, data_key_id, packages' : '*';
      expect(await rows(west, `SELECT ${columns} FROM ${table} ORDER BY ${order}`)).toEqual(await rows(east, `SELECT ${columns} FROM ${table} ORDER BY ${order}`));
    }
    expect(await storedExtents(westRaw, ACCOUNT)).toEqual(await storedExtents(eastRaw, ACCOUNT));
    expect(await storedCounts(westRaw)).toEqual(await storedCounts(eastRaw));
    // Unencrypted account: the scan finds the marker (in a.txt's row, in big.bin's file), so finding none elsewhere means something.
    expect(await scanForMarker(westRaw, MARKER)).toEqual([EXTENT_FILES, 'extents.packages']);
    expect(await replication.syncState()).toMatchObject({ streams: 3, behind: [], truncated: false });
  });

  it('propagates overwrites and deletes, and retires the extents they leave behind (reclaimed after the grace period)', async () => {
    const before: Array<{ id: string }> = await west.query(`SELECT id FROM extents`);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/dir/a.txt`, { body: 'rewritten', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    expect((await blobs.call('DELETE', `${ACCOUNT}/box/big.bin`)).status).toBe(202);
    expect((await replication.syncState()).behind).toEqual([
      { streamId: `Blob-${ACCOUNT}/box/big.bin`, primaryVersion: 2, secondaryVersion: 1 },
      { streamId: `Blob-${ACCOUNT}/box/dir/a.txt`, primaryVersion: 2, secondaryVersion: 1 },
    ]);

    expect((await replication.replicateBlob('box', 'dir/a.txt')).at(-1)).toEqual({ outcome: 'applied', version: 2 });
    expect((await replication.replicateBlob('box', 'big.bin')).map((o) => o.outcome)).toEqual(['applied']);
    expect(await west.query(`SELECT blob_name FROM blobs`)).toEqual([{ blob_name: 'dir/a.txt' }]);
    // As in the primary, reads of the secondary under way keep them until the grace period has passed.
    const live: Array<{ id: string }> = await west.query(`SELECT id FROM extents WHERE retired_at IS NULL`);
    expect(live.filter((e) => before.some((b) => b.id === e.id))).toEqual([]);
    expect(await retiredCount(westRaw)).toBe(before.length);
    expect(await storedExtents(westRaw, ACCOUNT)).toEqual(await storedExtents(eastRaw, ACCOUNT));
    expect(await storedCounts(westRaw)).toEqual(await storedCounts(eastRaw));
    expect((await replication.syncState()).behind).toEqual([]);
  });

  it('replaces a container deleted and created again: its old blobs go, its new ones come', async () => {
    expect((await blobs.call('DELETE', `${ACCOUNT}/box?restype=container`)).status).toBe(202);
    expect((await blobs.call('PUT', `${ACCOUNT}/box?restype=container`)).status).toBe(201);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/new.txt`, { body: 'new', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    // The blob's event may be handled before the container's: the secondary's container is not at the blob's container version.
    const outcomes = await replication.replicateBlob('box', 'new.txt');
    expect(outcomes.map((o) => o.outcome)).toEqual(['container-mismatch', 'missing-extents', 'applied']);
    expect(await west.query(`SELECT blob_name FROM blobs ORDER BY blob_name`)).toEqual([{ blob_name: 'new.txt' }]);
    // dir/a.txt went with the old container; its version was forgotten, so the comparison sends the replicator to confirm it.
    expect((await replication.syncState()).behind).toEqual([{ streamId: `Blob-${ACCOUNT}/box/dir/a.txt`, primaryVersion: 2, secondaryVersion: 0 }]);
    expect((await replication.replicateBlob('box', 'dir/a.txt')).map((o) => o.outcome)).toEqual(['applied']);
    expect(await replication.syncState()).toMatchObject({ behind: [] });
  });

  it('dates the comparison by the primary read: a write acknowledged before checkedAt is in it', async () => {
    expect((await blobs.call('PUT', `${ACCOUNT}/box/late.txt`, { body: 'late', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    const acknowledged = Date.now();
    const state = await replication.syncState();
    expect(Date.parse(state.checkedAt as string)).toBeGreaterThanOrEqual(acknowledged - 5);
    expect(state.behind).toEqual([{ streamId: `Blob-${ACCOUNT}/box/late.txt`, primaryVersion: 1, secondaryVersion: 0 }]);
  });

  it('refuses what it cannot address or store, with nothing written', async () => {
    expect(await replication.call('GET', `/internal/replication/regions/atlantis/blob?${replication.address('box', 'x')}`)).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await replication.call('GET', `/internal/replication/regions/eastus/blob?account=BAD&incarnation=1&container=box&blob=x`)).toMatchObject({
      status: 400,
      code: 'InvalidQueryParameterValue',
    });
    expect((await replication.call('PUT', `/internal/replication/regions/westus/blob?${replication.address('box', 'x')}`, { version: 'one' })).code).toBe('InvalidInput');
    const extents = () => storedCounts(westRaw);
    const count = await extents();
    const id = '00000000-0000-4000-8000-000000000001';
    const noHeaders = await fetch(`${blobs.base}/internal/replication/regions/westus/extents/${id}`, { method: 'PUT', body: 'abc' });
    expect([noHeaders.status, noHeaders.headers.get('x-ms-error-code')]).toEqual([400, 'InvalidHeaderValue']);
    const wrongLength = await fetch(`${blobs.base}/internal/replication/regions/westus/extents/${id}`, {
      method: 'PUT',
      headers: { 'x-atrest-extent-account': ACCOUNT, 'x-atrest-extent-kind': 'data', 'x-atrest-extent-size': '10', 'x-atrest-extent-encrypted': 'false' },
      body: 'abc',
    });
    expect([wrongLength.status, wrongLength.headers.get('x-ms-error-code')]).toEqual([400, 'InvalidHeaderValue']);
    const halfKey = await fetch(`${blobs.base}/internal/replication/regions/westus/extents/${id}`, {
      method: 'PUT',
      headers: { 'x-atrest-extent-account': ACCOUNT, 'x-atrest-extent-kind': 'data', 'x-atrest-extent-size': '3', 'x-atrest-extent-encrypted': 'true' },
      body: 'abc',
    });
    expect(halfKey.status).toBe(400);
    expect(await extents()).toEqual(count);
  });
});
