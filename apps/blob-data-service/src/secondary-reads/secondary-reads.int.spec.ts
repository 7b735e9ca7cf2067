import { randomBytes, randomUUID } from 'node:crypto';
import { Topics } from '@atrest/contracts';
import { envelopeEvents } from '@atrest/event-store';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { replicationByHand } from '../replication/testing/replicate-by-hand';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';

// RA-GRS reads (docs/adr/0007) as the gateway forwards them
// (x-atrest-location: secondary): served by the primary's own operations
// from the paired region's store, which is filled here through the
// internal replication API; refusals for writes and for accounts without a
// readable secondary; Get Blob Service Stats from the replicator's reports.

const RAGRS = 'secreads';
const GRS = 'secgrs';
const MiB = 1024 * 1024;

let blobs: BlobServiceUnderTest;
const secondary = { location: 'secondary' as const };

const reportProgress = async (version: number, status: string, lastSyncTime: string | null) => {
  const [envelope] = envelopeEvents(`GeoReplication-${RAGRS}`, version, [
    {
      type: 'GeoReplicationProgressed',
      data: {
        accountName: RAGRS,
        incarnation: 1,
        primaryLocation: 'eastus',
        secondaryLocation: 'westus',
        status,
        lastSyncTime,
        canFailover: status === 'Live',
        pendingChanges: 0,
        reportedAt: new Date().toISOString(),
      },
    },
  ], new Date());
  await new KafkaProbe(blobs.ctx.kafkaBrokers).produce(`${blobs.ctx.topicPrefix}${Topics.replication}`, [{ key: envelope.streamId, value: JSON.stringify(envelope) }]);
};

beforeAll(async () => {
  blobs = await startBlobService('secondary-reads');
  await blobs.regionDb('westus');
  await blobs.createAccount(RAGRS, { sku: 'Standard_RAGRS' });
  await blobs.createAccount(GRS, { sku: 'Standard_GRS' });
}, 120_000);

afterAll(async () => {
  await blobs?.close();
});

describe('the secondary location of an RA-GRS account', () => {
  const body = randomBytes(5 * MiB + 3);

  beforeAll(async () => {
    expect((await blobs.call('PUT', `${RAGRS}/docs?restype=container`)).status).toBe(201);
    expect((await blobs.call('PUT', `${RAGRS}/docs/big.bin`, { body, headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-project': 'atrest' } })).status).toBe(201);
    expect((await blobs.call('PUT', `${RAGRS}/docs/late.txt`, { body: 'not replicated yet', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
    const replication = replicationByHand(blobs.base, RAGRS);
    await replication.replicateContainer('docs');
    await replication.replicateBlob('docs', 'big.bin');
  });

  it('serves Get Blob (whole and by range), Get Blob Properties, List Blobs and List Containers from the paired store', async () => {
    const whole = await blobs.call('GET', `${RAGRS}/docs/big.bin`, secondary);
    expect([whole.status, whole.body.equals(body)]).toEqual([200, true]);
    const range = await blobs.call('GET', `${RAGRS}/docs/big.bin`, { ...secondary, headers: { 'x-ms-range': 'bytes=4194300-4194310' } });
    expect([range.status, range.body.equals(body.subarray(4194300, 4194311))]).toEqual([206, true]);
    const head = await blobs.call('HEAD', `${RAGRS}/docs/big.bin`, secondary);
    const primaryHead = await blobs.call('HEAD', `${RAGRS}/docs/big.bin`);
    for (const header of ['etag', 'last-modified', 'content-length', 'x-ms-meta-project', 'x-ms-server-encrypted', 'x-ms-blob-type'])
      expect([header, head.headers.get(header)]).toEqual([header, primaryHead.headers.get(header)]);

    // What the replicator has not copied yet is not there: the secondary lags, it never invents.
    expect((await blobs.call('GET', `${RAGRS}/docs/late.txt`, secondary)).code).toBe('BlobNotFound');
    const list = await blobs.call('GET', `${RAGRS}/docs?restype=container&comp=list`, secondary);
    expect(list.text).toContain('<Name>big.bin</Name>');
    expect(list.text).not.toContain('late.txt');
    expect((await blobs.call('GET', `${RAGRS}?comp=list`, secondary)).text).toContain('<Name>docs</Name>');
  });

  it('refuses every write with 403 WriteOperationNotSupportedOnSecondary and changes nothing', async () => {
    for (const [method, path, headers] of [
      ['PUT', `${RAGRS}/docs/new.txt`, { 'x-ms-blob-type': 'BlockBlob' }],
      ['DELETE', `${RAGRS}/docs/big.bin`, {}],
      ['PUT', `${RAGRS}/other?restype=container`, {}],
      ['PUT', `${RAGRS}/docs/big.bin?comp=metadata`, { 'x-ms-meta-x': 'y' }],
    ] as const) {
      const reply = await blobs.call(method, path, { ...secondary, headers, body: method === 'PUT' ? 'x' : undefined });
      expect([method, path, reply.status, reply.code]).toEqual([method, path, 403, 'WriteOperationNotSupportedOnSecondary']);
    }
    expect((await blobs.call('GET', `${RAGRS}/docs/big.bin`, secondary)).status).toBe(200);
    expect((await blobs.call('HEAD', `${RAGRS}/docs/new.txt`)).status).toBe(404);
  });

  it('answers Get Blob Service Stats from the replicator’s reports: bootstrap first, then what it reported', async () => {
    const stats = () => blobs.call('GET', `${RAGRS}?restype=service&comp=stats`, secondary);
    expect((await stats()).text).toContain('<GeoReplication><Status>bootstrap</Status><LastSyncTime /></GeoReplication>');
    const synced = new Date(Date.now() - 1_000);
    await reportProgress(1, 'Live', synced.toISOString());
    await waitFor(async () => (await stats()).text.includes('<Status>live</Status>'), { what: 'the progress report to reach the data plane', timeoutMs: 30_000 });
    expect((await stats()).text).toContain(`<LastSyncTime>${synced.toUTCString()}</LastSyncTime>`);
    // An older report arriving late changes nothing.
    await reportProgress(1, 'Unavailable', null);
    await reportProgress(2, 'Live', new Date().toISOString());
    await waitFor(async () => !(await stats()).text.includes(synced.toUTCString()), { what: 'the newer report', timeoutMs: 30_000 });
    expect((await stats()).text).toContain('<Status>live</Status>');
    const onPrimary = await blobs.call('GET', `${RAGRS}?restype=service&comp=stats`);
    expect([onPrimary.status, onPrimary.code]).toEqual([400, 'InvalidQueryParameterValue']);
  });
});

describe('accounts without a readable secondary', () => {
  it('answers 404 ResourceNotFound for reads of a GRS or LRS account’s secondary, and 403 for its writes', async () => {
    const lrs = `seclrs${randomUUID().slice(0, 4)}`;
    await blobs.createAccount(lrs);
    for (const account of [GRS, lrs]) {
      const read = await blobs.call('GET', `${account}?comp=list`, secondary);
      expect([account, read.status, read.code]).toEqual([account, 404, 'ResourceNotFound']);
      expect((await blobs.call('HEAD', `${account}/box/b`, secondary)).code).toBe('ResourceNotFound');
      expect((await blobs.call('PUT', `${account}/box?restype=container`, secondary)).code).toBe('WriteOperationNotSupportedOnSecondary');
    }
  });
});
