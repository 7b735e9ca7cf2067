import { randomBytes } from 'node:crypto';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, outboxRelayed } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { storedCounts, storedExtents, type RawStore } from '../testing/raw-storage';

// Standard_ZRS (docs/adr/0007): three zone copies in the primary region,
// each a database of its own (zone 1 is the region's store), all written
// before a write is acknowledged, rows and extent files alike; a read
// survives the loss of a zone copy. Real Postgres; losing a zone is
// dropping its database.

const ACCOUNT = 'zrsacct';
const MiB = 1024 * 1024;

let blobs: BlobServiceUnderTest;
let zones: RawStore[];

const rowsOf = async ({ db, ...store }: RawStore) => ({
  containers: await db.query(`SELECT * FROM containers WHERE account_name = $1 ORDER BY container_name`, [ACCOUNT]),
  blobs: await db.query(`SELECT * FROM blobs WHERE account_name = $1 ORDER BY blob_name`, [ACCOUNT]),
  blocks: await db.query(`SELECT * FROM blob_blocks WHERE account_name = $1 ORDER BY blob_name, ordinal`, [ACCOUNT]),
  regions: await db.query(`SELECT DISTINCT region FROM extents WHERE account_name = $1`, [ACCOUNT]),
  extents: await storedExtents({ db, ...store }, ACCOUNT),
  stored: await storedCounts({ db, ...store }),
  streams: await db.query(`SELECT * FROM blob_streams WHERE stream_id LIKE $1 ORDER BY stream_id`, [`%-${ACCOUNT}/%`]),
});

/** What every zone copy's relay has published of this account's change events: message id -> copies, and the types. */
const publishedChanges = async () => {
  await outboxRelayed(zones.map(({ db }) => db), 'every zone copy relayed its outbox');
  const messages = (await new KafkaProbe(blobs.ctx.kafkaBrokers).readPublished(`${blobs.ctx.topicPrefix}${Topics.blobs}`)).filter((m) =>
    m.key?.toString().includes(`-${ACCOUNT}/`),
  );
  const copies = new Map<string, number>();
  for (const m of messages) copies.set(String(m.headers?.['message-id']), (copies.get(String(m.headers?.['message-id'])) ?? 0) + 1);
  const types = [...new Map(messages.map((m) => [String(m.headers?.['message-id']), JSON.parse(m.value!.toString()).type as string])).values()];
  return { copies: [...copies.values()], types: types.sort() };
};

beforeAll(async () => {
  blobs = await startBlobService('zone-redundancy');
  // Zone 1 is the region's store; zones 2 and 3 are made through the spec's context too (so dispose drops them).
  zones = [await blobs.rawStore(), await blobs.rawStore('eastusz2'), await blobs.rawStore('eastusz3')];
  await blobs.createAccount(ACCOUNT, { sku: 'Standard_ZRS' });
}, 120_000);

afterAll(async () => {
  await blobs?.close();
});

describe('a Standard_ZRS account', () => {
  const big = randomBytes(5 * MiB + 11);

  it('has every write in all three zone copies by the time it is acknowledged, events included', async () => {
    expect((await blobs.call('PUT', `${ACCOUNT}/box?restype=container`)).status).toBe(201);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/big.bin`, { body: big, headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-zone': 'all' } })).status).toBe(201);
    expect((await blobs.call('PUT', `${ACCOUNT}/box/small.txt`, { body: 'small', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    expect((await blobs.call('DELETE', `${ACCOUNT}/box/small.txt`)).status).toBe(202);
    // No waiting: the answers above came after all three commits.
    const [first, ...others] = await Promise.all(zones.map(rowsOf));
    expect(first.blobs.map((b: { blob_name: string }) => b.blob_name)).toEqual(['big.bin']);
    expect(first.extents.length).toBe(3); // two data extents and the metadata extent
    expect(first.stored.files).toBe(2); // the data extents (the metadata is small: inline)
    expect(first.regions).toEqual([{ region: 'eastus' }]);
    for (const zone of others) expect(zone).toEqual(first);
    // Each copy's outbox had every change event: each relay published its own copy (consumers deduplicate by id).
    expect(await publishedChanges()).toEqual({ copies: [3, 3, 3, 3], types: ['BlobCommitted', 'BlobCommitted', 'BlobDeleted', 'ContainerCreated'] });
  });

  it('serves reads after losing a zone copy (zone 1 itself), and refuses writes with 503 while a copy is missing, storing nothing', async () => {
    const zone1 = (await zones[0].db.query(`SELECT current_database() AS name`))[0].name as string;
    await zones[0].db.destroy();
    await zones[1].db.query(`DROP DATABASE "${zone1}" WITH (FORCE)`);

    const read = await blobs.call('GET', `${ACCOUNT}/box/big.bin`);
    expect([read.status, read.body.equals(big), read.headers.get('x-ms-meta-zone')]).toEqual([200, true, 'all']);
    const range = await blobs.call('GET', `${ACCOUNT}/box/big.bin`, { headers: { 'x-ms-range': `bytes=${4 * MiB - 5}-${4 * MiB + 5}` } });
    expect(range.body.equals(big.subarray(4 * MiB - 5, 4 * MiB + 6))).toBe(true);
    expect((await blobs.call('HEAD', `${ACCOUNT}/box/big.bin`)).status).toBe(200);
    expect((await blobs.call('GET', `${ACCOUNT}/box?restype=container&comp=list`)).text).toContain('<Name>big.bin</Name>');

    const before = await rowsOf(zones[1]);
    const write = await blobs.call('PUT', `${ACCOUNT}/box/after-loss.txt`, { body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } });
    expect([write.status, write.code]).toEqual([503, 'ServerBusy']);
    expect(await rowsOf(zones[1])).toEqual(before);
    expect(await rowsOf(zones[2])).toEqual(before);
  });
});
