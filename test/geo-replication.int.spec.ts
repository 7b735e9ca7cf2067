import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Topics } from '@atrest/contracts';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import { BLOB_DATA_SERVICE_SECRET, REPLICATOR_SECRET, startKms, type KmsUnderTest } from '../apps/key-management-service/src/testing/kms.fixtures';
import { configSchema as replicatorConfig } from '../apps/replicator-service/src/config';
import { compileReplicator, replicatorEnv, type CompiledReplicator } from '../apps/replicator-service/src/testing/replicator-process';
import { startReplicator, type ReplicatorUnderTest } from '../apps/replicator-service/src/testing/replicator.fixture';
import { EXTENT_FILES, scanForMarker, storedExtents, type RawStore } from '../apps/blob-data-service/src/testing/raw-storage';

// Issue 6's replication, between the real services in-process (key service,
// data plane, replicator; real Postgres and Kafka): what lands in the paired
// region's store is the primary's ciphertext byte for byte, never
// plaintext; the last sync time only passes writes that are there; a
// replicator killed mid-stream resumes; toggled encryption is mirrored per
// blob; the replicator's identity gets no key. Written through the data
// plane's HTTP surface as the gateway forwards it (the SDK path is
// test/geo-redundancy.int.spec.ts).

const MiB = 1024 * 1024;
const MARKER = `geo-secret-marker-${randomUUID()}`;
const REF = { subscriptionId: 'sub-kms', resourceGroup: 'rg-kms' };

let ctx: TestContext;
let kms: KmsUnderTest;
let blobs: BlobServiceUnderTest;
let replicator: ReplicatorUnderTest | undefined;
let east: DataSource;
let west: DataSource;
let eastRaw: RawStore;
let westRaw: RawStore;

const blockBlob = { 'x-ms-blob-type': 'BlockBlob' };

/** An account on the data plane and the key service (ring ready), encrypting if asked. */
const newAccount = async (name: string, sku: 'Standard_GRS' | 'Standard_RAGRS', encrypted: boolean) => {
  await blobs.createAccount(name, { sku });
  await waitFor(async () => (await kms.call('GET', kms.encryptionKeysPath(name))).status === 200, { what: `the key ring of ${name}`, timeoutMs: 30_000 });
  if (encrypted) await blobs.setEncryption(name, true);
  expect((await blobs.call('PUT', `${name}/data?restype=container`)).status).toBe(201);
};

const put = async (path: string, body: Buffer | string, headers: Record<string, string> = blockBlob) => {
  const reply = await blobs.call('PUT', path, { body, headers });
  expect([path, reply.status, reply.code]).toEqual([path, 201, null]);
  return reply;
};

/** The replicator's last sync time of an account (its checkpoint), once it is past `acknowledged`. */
const syncedPast = (name: string, acknowledged: number, db: () => DataSource) =>
  waitFor(
    async () => {
      const [row] = await db().query(`SELECT last_sync_time FROM replication_checkpoints WHERE account_name = $1`, [name]);
      return row?.last_sync_time && row.last_sync_time.getTime() > acknowledged ? (row.last_sync_time as Date) : undefined;
    },
    { what: `the last sync time of ${name} to pass the writes`, timeoutMs: 60_000, intervalMs: 100 },
  );

/** Rows of the account in a store, keyed so both stores' can be compared (extent bytes, in rows or files, by length and SHA-256). */
const accountRows = async (store: RawStore, name: string) => ({
  extents: await storedExtents(store, name),
  dataKeys: await store.db.query(`SELECT key_id, wrapped_key, kek_version FROM data_keys WHERE account_name = $1 ORDER BY key_id`, [name]),
  blobs: await store.db.query(`SELECT * FROM blobs WHERE account_name = $1 ORDER BY container_name, blob_name`, [name]),
  blocks: await store.db.query(`SELECT * FROM blob_blocks WHERE account_name = $1 ORDER BY container_name, blob_name, ordinal`, [name]),
  pages: await store.db.query(`SELECT * FROM page_ranges WHERE account_name = $1 ORDER BY container_name, blob_name, start_offset`, [name]),
});

beforeAll(async () => {
  ctx = await createTestContext('geo-replication');
  kms = await startKms('geo-replication', { ctx });
  blobs = await startBlobService('geo-replication', { ctx, accountRef: REF, settings: { KMS_URL: kms.base, KMS_CLIENT_SECRET: BLOB_DATA_SERVICE_SECRET } });
  west = await blobs.regionDb('westus');
  east = await blobs.regionDb();
  westRaw = await blobs.rawStore('westus');
  eastRaw = await blobs.rawStore();
  replicator = await startReplicator(ctx, blobs.base);
}, 180_000);

afterAll(async () => {
  await replicator?.close();
  await blobs?.close();
  await kms?.close();
  await ctx?.dispose();
});

describe('geo-replication of an encrypted RA-GRS account', () => {
  const name = 'georagrs';
  const block = Buffer.concat([randomBytes(3 * MiB), Buffer.from(MARKER), randomBytes(2 * MiB)]);
  const page = Buffer.alloc(1024, 0);
  page.write(MARKER, 100);
  let acknowledged: number;

  beforeAll(async () => {
    await newAccount(name, 'Standard_RAGRS', true);
    await put(`${name}/data/block.bin`, block, { ...blockBlob, 'x-ms-meta-secret': MARKER });
    await put(`${name}/data/log.txt`, '', { 'x-ms-blob-type': 'AppendBlob' });
    for (const part of [`first ${MARKER}\n`, `second ${MARKER}\n`]) {
      const reply = await blobs.call('PUT', `${name}/data/log.txt?comp=appendblock`, { body: part });
      expect(reply.status).toBe(201);
    }
    await put(`${name}/data/disk.vhd`, '', { 'x-ms-blob-type': 'PageBlob', 'x-ms-blob-content-length': String(MiB) });
    const pages = await blobs.call('PUT', `${name}/data/disk.vhd?comp=page`, { body: page, headers: { 'x-ms-range': 'bytes=4096-5119', 'x-ms-page-write': 'update' } });
    expect(pages.status).toBe(201);
    acknowledged = Date.now();
  }, 60_000);

  it('puts the primary’s ciphertext in the paired store byte for byte once the last sync time passes the writes', async () => {
    await syncedPast(name, acknowledged, () => replicator!.db);
    const primary = await accountRows(eastRaw, name);
    const secondary = await accountRows(westRaw, name);
    expect(primary.extents.length).toBeGreaterThanOrEqual(5);
    expect(primary.extents.every((e: { encrypted: boolean }) => e.encrypted)).toBe(true);
    expect(secondary).toEqual(primary);
  });

  it('leaves no plaintext in the secondary store, nor in the primary (the toggle spec below finds a clear blob’s marker: the check works)', async () => {
    expect(await scanForMarker(westRaw, MARKER)).toEqual([]);
    expect(await scanForMarker(eastRaw, MARKER)).toEqual([]);
  });

  it('serves the secondary’s copy decrypted, identical to the primary, with the status the replicator reported', async () => {
    for (const blob of ['block.bin', 'log.txt', 'disk.vhd']) {
      const fromPrimary = await blobs.call('GET', `${name}/data/${blob}`);
      const fromSecondary = await blobs.call('GET', `${name}/data/${blob}`, { location: 'secondary' });
      expect([blob, fromSecondary.status, fromSecondary.body.equals(fromPrimary.body), fromSecondary.headers.get('x-ms-server-encrypted')]).toEqual([blob, 200, true, 'true']);
    }
    expect((await blobs.call('GET', `${name}/data/block.bin`, { location: 'secondary' })).body.equals(block)).toBe(true);
    const stats = await waitFor(
      async () => {
        const text = (await blobs.call('GET', `${name}?restype=service&comp=stats`, { location: 'secondary' })).text;
        return text.includes('<Status>live</Status>') ? text : undefined;
      },
      { what: 'Get Blob Service Stats to say live', timeoutMs: 30_000 },
    );
    const lastSync = Date.parse(/<LastSyncTime>([^<]+)<\/LastSyncTime>/.exec(stats)![1]);
    expect(lastSync).toBeGreaterThan(acknowledged - 1_000); // RFC 1123 has whole seconds
  });

  it('counts what it copied and its lag on /metrics and /internal/status', async () => {
    const status = await replicator!.status();
    expect(status.extentsCopied).toBeGreaterThanOrEqual(5);
    expect(status.bytesCopied).toBeGreaterThan(5 * MiB);
    expect(status.applyLagSeconds?.samples).toBeGreaterThan(0);
    expect(status.accounts.find((a) => a.account === name)).toMatchObject({ status: 'Live', pendingChanges: 0 });
    const metrics = await replicator!.metrics();
    expect(metrics).toMatch(/^atrest_replication_bytes_copied_total \d+$/m);
    expect(metrics).toMatch(new RegExp(`^atrest_replication_last_sync_time_seconds\\{account="${name}"\\} \\d+`, 'm'));
    expect(metrics).toMatch(/^atrest_replication_apply_lag_seconds_count [1-9]\d*$/m);
  });

  it('propagates overwrites and deletes; a redelivered change copies nothing', async () => {
    await put(`${name}/data/block.bin`, 'overwritten');
    expect((await blobs.call('DELETE', `${name}/data/log.txt`)).status).toBe(202);
    const done = Date.now();
    await syncedPast(name, done, () => replicator!.db);
    expect(await accountRows(westRaw, name)).toEqual(await accountRows(eastRaw, name));
    expect((await blobs.call('GET', `${name}/data/log.txt`, { location: 'secondary' })).code).toBe('BlobNotFound');

    // The same change again (a new message id, as a relay re-sending after a crash would not even do): nothing to apply.
    const changes = await new KafkaProbe(ctx.kafkaBrokers).readPublished(`${ctx.topicPrefix}${Topics.blobs}`);
    const payload = changes.map((m) => JSON.parse(m.value!.toString())).filter((event: { streamId: string }) => event.streamId === `Blob-${name}/data/block.bin`)
      .at(-1);
    const applies = (await replicator!.status()).applies;
    await new KafkaProbe(ctx.kafkaBrokers).produce(`${ctx.topicPrefix}${Topics.blobs}`, [
      { key: payload.streamId, value: JSON.stringify({ ...payload, eventId: randomUUID() }) },
      { key: payload.streamId, value: JSON.stringify(payload) },
    ]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await replicator!.status()).applies).toBe(applies);
  });

  it('keeps a blob lease the primary’s: the secondary’s copy of a leased blob has none', async () => {
    const leaseId = randomUUID();
    const lease = await blobs.call('PUT', `${name}/data/leased.txt?comp=lease`, { headers: { 'x-ms-lease-action': 'acquire', 'x-ms-lease-duration': '-1', 'x-ms-proposed-lease-id': leaseId } });
    expect(lease.status).toBe(404); // no such blob yet
    await put(`${name}/data/leased.txt`, 'leased');
    expect((await blobs.call('PUT', `${name}/data/leased.txt?comp=lease`, { headers: { 'x-ms-lease-action': 'acquire', 'x-ms-lease-duration': '-1', 'x-ms-proposed-lease-id': leaseId } })).status).toBe(201);
    await put(`${name}/data/leased.txt`, 'leased, then overwritten', { ...blockBlob, 'x-ms-lease-id': leaseId });
    await syncedPast(name, Date.now(), () => replicator!.db);
    const leaseOf = async (store: RawStore) =>
      (await store.db.query(`SELECT lease_id FROM blobs WHERE account_name = $1 AND blob_name = 'leased.txt'`, [name]))[0]?.lease_id;
    expect([await leaseOf(eastRaw), await leaseOf(westRaw)]).toEqual([leaseId, null]);
    const fromSecondary = await blobs.call('GET', `${name}/data/leased.txt`, { location: 'secondary' });
    expect([fromSecondary.text, fromSecondary.headers.get('x-ms-lease-state')]).toEqual(['leased, then overwritten', 'available']);
    expect((await blobs.call('PUT', `${name}/data/leased.txt?comp=lease`, { headers: { 'x-ms-lease-action': 'release', 'x-ms-lease-id': leaseId } })).status).toBe(200);
  });

  it('applies a container metadata or ACL change in place: the secondary keeps its blobs as they were, nothing copied again', async () => {
    const blobRows = () => westRaw.db.query(`SELECT blob_name, xmin::text FROM blobs WHERE account_name = $1 ORDER BY blob_name`, [name]);
    const containerRows = (store: RawStore) => store.db.query(`SELECT * FROM containers WHERE account_name = $1`, [name]);
    const before = await blobRows();
    const { extentsCopied } = await replicator!.status();
    expect((await blobs.call('PUT', `${name}/data?restype=container&comp=metadata`, { headers: { 'x-ms-meta-team': 'geo' } })).status).toBe(200);
    await syncedPast(name, Date.now(), () => replicator!.db);
    const [secondary] = await containerRows(westRaw);
    expect(secondary).toEqual((await containerRows(eastRaw))[0]);
    expect([secondary.metadata, secondary.generation]).toEqual([{ team: 'geo' }, expect.any(String)]);
    expect((await blobs.call('GET', `${name}/data?restype=container`, { location: 'secondary' })).headers.get('x-ms-meta-team')).toBe('geo');
    expect(await blobRows()).toEqual(before);
    expect((await replicator!.status()).extentsCopied).toBe(extentsCopied);

    // Set Container ACL travels the same way: the secondary's stored access policies match (a SAS naming one works there too).
    const acl = '<SignedIdentifiers><SignedIdentifier><Id>readers</Id><AccessPolicy><Permission>rl</Permission></AccessPolicy></SignedIdentifier></SignedIdentifiers>';
    expect((await blobs.call('PUT', `${name}/data?restype=container&comp=acl`, { body: acl })).status).toBe(200);
    await syncedPast(name, Date.now(), () => replicator!.db);
    const [withAcl] = await containerRows(westRaw);
    expect(withAcl).toEqual((await containerRows(eastRaw))[0]);
    expect([withAcl.access_policies, withAcl.generation]).toEqual([[{ id: 'readers', permission: 'rl' }], secondary.generation]);
    expect((await blobs.call('GET', `${name}/data?restype=container&comp=acl`, { location: 'secondary' })).text).toContain('<Id>readers</Id>');
    expect(await blobRows()).toEqual(before);
  });
});

describe('a replicator killed mid-stream', () => {
  const name = 'geokilled';
  let compiled: CompiledReplicator;

  beforeAll(async () => {
    compiled = await compileReplicator();
  }, 120_000);

  afterAll(() => compiled?.dispose());

  it('resumes from its checkpoint after a SIGKILL: nothing missing, nothing duplicated', async () => {
    await replicator!.close();
    replicator = undefined;
    const env = await replicatorEnv(ctx, blobs.base);
    let process = await compiled.start(env);
    await newAccount(name, 'Standard_GRS', true);
    const written = new Map<string, Buffer>();
    const write = async (i: number) => {
      const body = randomBytes(MiB + i);
      written.set(`blob-${i}`, body);
      await put(`${name}/data/blob-${i}`, body);
    };
    for (let i = 0; i < 12; i++) await write(i);
    // Killed while it is copying: some blobs are in the secondary, the rest not.
    await waitFor(async () => {
      const [{ n }] = await west.query(`SELECT count(*)::int AS n FROM blobs WHERE account_name = $1`, [name]);
      return n >= 2;
    }, { what: 'the first copies', intervalMs: 20 });
    await process.kill();
    const [{ copied }] = await west.query(`SELECT count(*)::int AS copied FROM blobs WHERE account_name = $1`, [name]);
    expect(copied).toBeLessThan(12);
    for (let i = 12; i < 16; i++) await write(i); // written while it is down
    const acknowledged = Date.now();

    process = await compiled.start(env);
    const replicatorDb = await ctx.openDatabase([], 'replicator');
    await syncedPast(name, acknowledged, () => replicatorDb);
    await process.kill();
    const primary = await accountRows(eastRaw, name);
    expect(primary.blobs).toHaveLength(16);
    expect(await accountRows(westRaw, name)).toEqual(primary);
    // Every extent in the secondary is one a blob references: no copy left over, none twice (ids are the primary's);
    // those an applied change stopped referencing are retired, as in the primary.
    const [{ orphans }] = await west.query(
      `SELECT count(*)::int AS orphans FROM extents e WHERE account_name = $1 AND retired_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM blob_blocks b WHERE e.id = ANY(b.extent_ids))
         AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.metadata_extent_id = e.id)`,
      [name],
    );
    expect(orphans).toBe(0);
    replicator = await startReplicator(ctx, blobs.base);
  }, 180_000);
});

describe('encryption toggled on a GRS account', () => {
  const name = 'geotoggle';

  it('mirrors each blob’s encrypted or unencrypted state exactly', async () => {
    await newAccount(name, 'Standard_GRS', true);
    await put(`${name}/data/encrypted-1.txt`, `one ${MARKER}`);
    const staged = Buffer.from('c3RhZ2Vk').toString('base64');
    expect((await blobs.call('PUT', `${name}/data/mixed.txt?comp=block&blockid=${encodeURIComponent(staged)}`, { body: 'staged while encrypting ' })).status).toBe(201);
    await blobs.setEncryption(name, false);
    const plain = `plain ${MARKER}`;
    // Large enough for an extent file (small extents stay inline): the scan below must find it there.
    await put(`${name}/data/plain.txt`, `${plain}\n`.repeat(4_000));
    const later = Buffer.from('bGF0ZXIx').toString('base64');
    expect((await blobs.call('PUT', `${name}/data/mixed.txt?comp=block&blockid=${encodeURIComponent(later)}`, { body: 'staged in the clear' })).status).toBe(201);
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${staged}</Latest><Latest>${later}</Latest></BlockList>`;
    expect((await blobs.call('PUT', `${name}/data/mixed.txt?comp=blocklist`, { body: list })).status).toBe(201);
    await blobs.setEncryption(name, true);
    await put(`${name}/data/encrypted-2.txt`, `two ${MARKER}`);
    const acknowledged = Date.now();

    await syncedPast(name, acknowledged, () => replicator!.db);
    const states = async (db: DataSource) =>
      db.query(
        `SELECT b.blob_name, b.server_encrypted, array_agg(e.encrypted ORDER BY e.id) AS extents
           FROM blobs b JOIN blob_blocks k USING (account_name, account_incarnation, container_name, blob_name)
           JOIN extents e ON e.id = ANY(k.extent_ids) WHERE b.account_name = $1 GROUP BY b.blob_name, b.server_encrypted ORDER BY b.blob_name`,
        [name],
      );
    expect(await states(west)).toEqual(await states(east));
    expect((await states(west)).map((s: { blob_name: string; server_encrypted: boolean }) => [s.blob_name, s.server_encrypted])).toEqual([
      ['encrypted-1.txt', true],
      ['encrypted-2.txt', true],
      ['mixed.txt', false],
      ['plain.txt', false],
    ]);
    // The clear blob is in the clear in the secondary too (the raw scan finds what is there), the encrypted ones nowhere.
    expect(await scanForMarker(westRaw, plain)).toEqual([EXTENT_FILES]);
    expect(await scanForMarker(westRaw, `one ${MARKER}`)).toEqual([]);
    expect(await scanForMarker(westRaw, `two ${MARKER}`)).toEqual([]);
  }, 90_000);
});

describe('the replicator and the key service', () => {
  it('has no key-service setting, and its identity is refused every key operation', async () => {
    expect(Object.keys(replicatorConfig.shape).filter((s) => s.startsWith('KMS'))).toEqual([]);
    const [key] = await west.query(`SELECT account_name, wrapped_key, kek_version FROM data_keys LIMIT 1`);
    expect(key).toBeDefined();
    const path = `/internal/accounts/${key.account_name}/data-keys`;
    const asReplicator = await kms.call('POST', `${path}/unwrap`, { wrappedKey: key.wrapped_key, kekVersion: key.kek_version }, REPLICATOR_SECRET);
    expect([asReplicator.status, (asReplicator.body as { error: { code: string } }).error.code]).toEqual([403, 'AuthorizationFailed']);
    expect((await kms.call('POST', path, {}, REPLICATOR_SECRET)).status).toBe(403);
    expect((await kms.call('POST', `${path}/unwrap`, { wrappedKey: key.wrapped_key, kekVersion: key.kek_version })).status).toBe(401);
  });
});
