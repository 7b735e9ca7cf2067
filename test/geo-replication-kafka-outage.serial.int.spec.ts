import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestContext, waitFor, withKafkaOutage, type TestContext } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import { startReplicator, type ReplicatorUnderTest } from '../apps/replicator-service/src/testing/replicator.fixture';

// Stops the shared broker, so it is a *.serial.* spec (run alone, after the
// others). The Kafka broker restarts while the replicator is copying a
// steady stream of writes: it catches up, and at no moment does the last
// sync time claim a write the secondary store does not hold (docs/adr/0007:
// it comes from comparing the stores, not from the events that arrived).

const ACCOUNT = 'geooutage';

let ctx: TestContext;
let blobs: BlobServiceUnderTest;
let replicator: ReplicatorUnderTest;
let west: DataSource;

/** Acknowledged writes: blob name -> [acknowledged at, ETag]. */
const acknowledged = new Map<string, [number, string]>();
const violations: string[] = [];
let checks = 0;

const write = async (i: number) => {
  const name = `blob-${String(i).padStart(4, '0')}`;
  const reply = await blobs.call('PUT', `${ACCOUNT}/data/${name}`, { body: randomBytes(64 * 1024 + i), headers: { 'x-ms-blob-type': 'BlockBlob' } });
  expect(reply.status).toBe(201);
  acknowledged.set(name, [Date.now(), reply.headers.get('etag')!]);
};

/** Every write acknowledged before the last sync time is in the secondary with its ETag; records any that is not. */
const checkClaim = async () => {
  const [row] = await replicator.db.query(`SELECT last_sync_time FROM replication_checkpoints WHERE account_name = $1`, [ACCOUNT]);
  const lastSync: number | undefined = row?.last_sync_time?.getTime();
  if (lastSync === undefined) return undefined;
  const claimed = [...acknowledged].filter(([, [at]]) => at < lastSync);
  const held = new Map<string, string>(
    (await west.query(`SELECT blob_name, etag FROM blobs WHERE account_name = $1`, [ACCOUNT])).map((r: { blob_name: string; etag: string }) => [r.blob_name, r.etag]),
  );
  for (const [name, [, etag]] of claimed) if (held.get(name) !== etag) violations.push(`${name} acknowledged before ${new Date(lastSync).toISOString()} but not in the secondary`);
  checks++;
  return lastSync;
};

beforeAll(async () => {
  ctx = await createTestContext('geo-kafka-outage');
  blobs = await startBlobService('geo-kafka-outage', { ctx });
  west = await blobs.regionDb('westus');
  replicator = await startReplicator(ctx, blobs.base);
  await blobs.createAccount(ACCOUNT, { sku: 'Standard_GRS' });
  expect((await blobs.call('PUT', `${ACCOUNT}/data?restype=container`)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await replicator?.close();
  await blobs?.close();
  await ctx?.dispose();
});

it('catches up after a broker restart, and the last sync time never claims a write the secondary lacks', async () => {
  let i = 0;
  for (; i < 10; i++) await write(i);
  await waitFor(async () => ((await checkClaim()) ?? 0) > acknowledged.get('blob-0009')![0], { what: 'the first writes to be synced', timeoutMs: 60_000 });

  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await checkClaim();
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await withKafkaOutage(6_000, async () => {
    for (const end = i + 30; i < end; i++) await write(i);
  });
  for (const end = i + 10; i < end; i++) await write(i);
  const last = Math.max(...[...acknowledged.values()].map(([at]) => at));
  await waitFor(async () => ((await checkClaim()) ?? 0) > last, { what: 'the last sync time to pass every write after the outage', timeoutMs: 120_000 });
  watching = false;
  await watcher;

  expect(violations).toEqual([]);
  expect(checks).toBeGreaterThan(20);
  const held = await west.query(`SELECT count(*)::int AS n FROM blobs WHERE account_name = $1`, [ACCOUNT]);
  expect(held).toEqual([{ n: acknowledged.size }]);
  // The reports queued in the replicator's outbox during the outage reach the data plane once the broker is back.
  await waitFor(async () => (await blobs.db.query(`SELECT last_sync_time FROM geo_replication_status WHERE account_name = $1`, [ACCOUNT]))[0]?.last_sync_time?.getTime() > last, {
    what: 'the replicator’s report to reach the data plane',
    timeoutMs: 90_000,
  });
}, 300_000);
