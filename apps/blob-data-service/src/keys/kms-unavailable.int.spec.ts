import { createServer, type Server, type Socket } from 'node:net';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { storedCounts } from '../testing/raw-storage';

// The key service down or silent: writes and reads of an encrypting account
// answer 503 ServerBusy within KMS_TIMEOUT_MS, never hang, and never store
// the data in the clear instead.

const TIMEOUT_MS = 1_000;
let silent: Server;
const sockets: Socket[] = [];
let blobs: BlobServiceUnderTest;

beforeAll(async () => {
  // Accepts connections and never answers.
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  blobs = await startBlobService('kms-unavailable', {
    settings: { KMS_URL: `http://127.0.0.1:${port}`, KMS_CLIENT_SECRET: 'a-client-secret-of-at-least-32-characters', KMS_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  await blobs.createAccount('silentkms', { encrypted: true });
  await blobs.call('PUT', 'silentkms/box?restype=container');
}, 60_000);

afterAll(async () => {
  await blobs?.close();
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => silent?.close(resolve));
});

it('answers 503 ServerBusy within the timeout and stores nothing', async () => {
  const started = Date.now();
  const reply = await blobs.call('PUT', 'silentkms/box/b', { body: 'secret data', headers: { 'x-ms-blob-type': 'BlockBlob' } });
  expect([reply.status, reply.code]).toEqual([503, 'ServerBusy']);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
  expect(await storedCounts(await blobs.rawStore())).toEqual({ rows: 0, files: 0 });
  // Still serving: an unencrypted account's writes go through meanwhile.
  await blobs.createAccount('plainbeside');
  await blobs.call('PUT', 'plainbeside/box?restype=container');
  expect((await blobs.call('PUT', 'plainbeside/box/b', { body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(201);
});
