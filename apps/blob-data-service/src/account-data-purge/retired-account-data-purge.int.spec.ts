import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestContext, waitFor } from '@atrest/testing';
import { RegionStores } from '../region-stores/region-stores';
import { EXTENT_FILES, scanForMarker, storedExtents, type RawStore } from '../testing/raw-storage';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { RetiredAccountDataPurge } from './retired-account-data-purge';

// Deleting a storage account deletes its data: once the data plane knows of
// the delete (or of the name created anew, a new incarnation), the purge
// removes the old incarnation's rows and extent files from the store, and
// leaves every other account's data, and the new incarnation's, alone; and
// once a geo-failover has completed, what it left in the old primary's store.
// Unencrypted accounts, so that a marker in the data shows what is on disk.

const MiB = 1024 * 1024;
const id = Buffer.from('block-1').toString('base64');
let blobs: BlobServiceUnderTest;
let raw: RawStore;

/** Small (inline), large (extent files), metadata and a staged block, each holding `marker`. */
const writeData = async (account: string, marker: string) => {
  const big = Buffer.concat([Buffer.from(marker), randomBytes(5 * MiB)]);
  expect((await blobs.call('PUT', `${account}/box?restype=container`)).status).toBe(201);
  expect((await blobs.call('PUT', `${account}/box/small.txt`, { body: `${marker} small`, headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-note': marker } })).status).toBe(201);
  expect((await blobs.call('PUT', `${account}/box/big.bin`, { body: big, headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
  expect((await blobs.call('PUT', `${account}/box/staged.bin?comp=block&blockid=${encodeURIComponent(id)}`, { body: `${marker} staged` })).status).toBe(201);
};
const deleteAccount = async (account: string) => {
  await blobs.publishAccountEvent(account, 'StorageAccountDeleted', { deletedAt: new Date().toISOString() });
  await waitFor(async () => (await blobs.call('GET', `${account}/box/small.txt`)).status === 404, { what: `${account} deleted in the data plane` });
};
const rowsOf = async (account: string) =>
  Object.fromEntries(
    await Promise.all(
      ['containers', 'blobs', 'blob_blocks', 'staged_blocks', 'extents'].map(async (table) => [
        table,
        (await raw.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE account_name = $1`, [account]))[0].n,
      ]),
    ),
  );

beforeAll(async () => {
  blobs = await startBlobService('account-data-purge');
  raw = await blobs.rawStore();
}, 60_000);
afterAll(() => blobs?.close());

it("removes a deleted account's rows and extent files, and nothing of another account", async () => {
  await blobs.createAccount('goneacct');
  await blobs.createAccount('keptacct');
  await writeData('goneacct', 'GONE-MARKER-5b1e');
  await writeData('keptacct', 'KEPT-MARKER-77c2');
  const goneFiles = (await storedExtents(raw, 'goneacct')).map((e) => raw.files.pathOf(e.id)).filter((path) => existsSync(path));
  expect(goneFiles.length).toBeGreaterThan(0);
  expect(await scanForMarker(raw, 'GONE-MARKER-5b1e')).toEqual(expect.arrayContaining([EXTENT_FILES, 'extents.packages']));

  await deleteAccount('goneacct');
  expect(await blobs.app.get(RetiredAccountDataPurge).sweep()).toBe(1);

  expect(await rowsOf('goneacct')).toEqual({ containers: 0, blobs: 0, blob_blocks: 0, staged_blocks: 0, extents: 0 });
  expect(goneFiles.filter((path) => existsSync(path))).toEqual([]);
  expect(await scanForMarker(raw, 'GONE-MARKER-5b1e')).toEqual([]);
  expect(await scanForMarker(raw, 'KEPT-MARKER-77c2')).toEqual(expect.arrayContaining([EXTENT_FILES, 'extents.packages']));
  expect((await blobs.call('GET', 'keptacct/box/small.txt')).text).toBe('KEPT-MARKER-77c2 small');
  // Nothing more to do on the next pass.
  expect(await blobs.app.get(RetiredAccountDataPurge).sweep()).toBe(0);
}, 60_000);

it('removes the data of an incarnation replaced by a new account of the same name, and keeps the new one', async () => {
  await blobs.createAccount('rebornacct');
  await writeData('rebornacct', 'OLD-LIFE-MARKER-9d3a');
  await deleteAccount('rebornacct');
  await blobs.createAccount('rebornacct');
  await writeData('rebornacct', 'NEW-LIFE-MARKER-2f81');

  expect(await blobs.app.get(RetiredAccountDataPurge).sweep()).toBe(1);

  expect(await scanForMarker(raw, 'OLD-LIFE-MARKER-9d3a')).toEqual([]);
  expect((await blobs.call('GET', 'rebornacct/box/small.txt')).text).toBe('NEW-LIFE-MARKER-2f81 small');
  expect((await rowsOf('rebornacct')).containers).toBe(1);
}, 60_000);

it("removes what a geo-failover left in the old primary's store once it completed, and keeps the new primary's data", async () => {
  const purge = blobs.app.get(RetiredAccountDataPurge);
  const west = await blobs.rawStore('westus');
  const createContainer = async () => (await blobs.call('PUT', 'movedacct/box?restype=container')).status;
  await blobs.createAccount('movedacct', { sku: 'Standard_GRS' });
  await writeData('movedacct', 'OLD-PRIMARY-MARKER-4c1d');
  const operationId = randomUUID();
  const now = () => new Date().toISOString();

  await blobs.publishAccountEvent('movedacct', 'GeoFailoverRequested', { operationId, fromLocation: 'eastus', toLocation: 'westus', requestedAt: now() });
  await waitFor(async () => (await createContainer()) === 503, { what: 'writes to wait for the failover' });
  expect(await purge.sweep()).toBe(0); // the old primary still serves it until the failover completes
  expect((await rowsOf('movedacct')).containers).toBe(1);

  await blobs.publishAccountEvent('movedacct', 'GeoFailoverCompleted', { operationId, location: 'westus', sku: 'Standard_LRS', unreplicatedChanges: 0, lastSyncTime: null, completedAt: now() });
  await waitFor(async () => (await createContainer()) === 201, { what: 'the container created in the new primary, westus' });
  expect((await blobs.call('PUT', 'movedacct/box/new.txt', { body: 'NEW-PRIMARY-MARKER-8e07', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);

  expect(await purge.sweep()).toBe(1);
  expect(await rowsOf('movedacct')).toEqual({ containers: 0, blobs: 0, blob_blocks: 0, staged_blocks: 0, extents: 0 });
  expect(await scanForMarker(raw, 'OLD-PRIMARY-MARKER-4c1d')).toEqual([]);
  expect(await scanForMarker(west, 'NEW-PRIMARY-MARKER-8e07')).toEqual(['extents.packages']);
  expect((await blobs.call('GET', 'movedacct/box/new.txt')).text).toBe('NEW-PRIMARY-MARKER-8e07');
  expect(await purge.sweep()).toBe(0);
}, 60_000);

it('after a restart still opens the old primary of a failed-over account, so the purge finds what is left there', async () => {
  const ctx = await createTestContext('purge-restart');
  const settings = { EXTENT_DATA_DIR: await mkdtemp(join(tmpdir(), 'atrest-purge-restart-')) };
  try {
    const first = await startBlobService('purge-restart', { ctx, settings });
    try {
      await first.createAccount('restartacct', { sku: 'Standard_GRS' });
      expect((await first.call('PUT', 'restartacct/box?restype=container')).status).toBe(201);
      const operationId = randomUUID();
      const at = new Date().toISOString();
      await first.publishAccountEvent('restartacct', 'GeoFailoverRequested', { operationId, fromLocation: 'eastus', toLocation: 'westus', requestedAt: at });
      await first.publishAccountEvent('restartacct', 'GeoFailoverCompleted', { operationId, location: 'westus', sku: 'Standard_LRS', unreplicatedChanges: 0, lastSyncTime: null, completedAt: at });
      await waitFor(async () => (await first.call('PUT', 'restartacct/box?restype=container')).status === 201, { what: 'the container created in westus' });
    } finally {
      await first.close();
    }
    const second = await startBlobService('purge-restart', { ctx, settings });
    try {
      expect((await second.app.get(RegionStores).opened()).map((store) => store.region).sort()).toEqual(['eastus', 'westus']);
      expect(await second.app.get(RetiredAccountDataPurge).sweep()).toBe(1);
      expect((await second.call('HEAD', 'restartacct/box?restype=container')).status).toBe(200);
    } finally {
      await second.close();
    }
  } finally {
    await ctx.dispose();
    await rm(settings.EXTENT_DATA_DIR, { recursive: true, force: true });
  }
}, 90_000);
