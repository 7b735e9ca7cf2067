import { waitFor } from '@atrest/testing';
import { BlobServiceClient, ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RunningGateway, startGateway } from '../testing/gateway.fixture';
import { closeStubServices, startStubServices, stubEnv, StubServices } from '../testing/stub-services';

// The gateway as the data plane's proxy: a 64 MiB body streams through in
// either direction without being held (while the far end reads nothing, the
// sender gets only a bounded distance ahead), and a blob-data-service that is
// down or silent is an Azure error within the timeout, never a hang.

const ACCOUNT = 'proxyacct';
const KEY = randomBytes(64).toString('base64');
const MiB = 1024 * 1024;
const SIZE = 64 * MiB;
/** How far a sender may get ahead of a reader that stopped: socket buffers on two loopback hops, nothing like the 64 MiB body. */
const MAX_IN_FLIGHT = 40 * MiB;
const TIMEOUT_MS = 3_000;

let stubs: StubServices;
let gateway: RunningGateway;
/** The same gateway settings, but blob-data-service is not running. */
let orphan: RunningGateway;

beforeAll(async () => {
  stubs = await startStubServices();
  stubs['account-service'].handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: ACCOUNT, keys: [KEY, randomBytes(64).toString('base64')] }));
  };
  gateway = await startGateway({ ...stubEnv(stubs), DOWNSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });
  orphan = await startGateway({ ...stubEnv(stubs), BLOB_DATA_SERVICE_URL: `http://127.0.0.1:${await closedPort()}` });
});

afterAll(async () => {
  await orphan?.close();
  await gateway?.close();
  await closeStubServices(stubs);
});

afterEach(() => {
  stubs['blob-data-service'].raw = undefined;
});

const container = (target: RunningGateway = gateway): ContainerClient =>
  new BlobServiceClient(`${target.blobUrl}/${ACCOUNT}`, new StorageSharedKeyCredential(ACCOUNT, KEY), { retryOptions: { maxTries: 1 } }).getContainerClient('big');

/** 64 MiB made of 16 distinct 64 KiB blocks, counted as they are read; no allocation per chunk, so memory use is the proxy's. */
function source(size: number) {
  const blocks = Array.from({ length: 16 }, (_, i) => Buffer.alloc(64 * 1024, i + 1));
  const counter = { produced: 0 };
  let index = 0;
  const stream = new Readable({
    read() {
      if (counter.produced >= size) return void this.push(null);
      const block = blocks[index++ % blocks.length];
      counter.produced += block.length;
      this.push(block);
    },
  });
  return { stream, counter };
}

const sha256Of = async (stream: Readable): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('streaming', () => {
  it('streams a 64 MiB upload from the SDK to blob-data-service: while the service reads nothing, the client stays a bounded distance ahead', async () => {
    const expected = await sha256Of(source(SIZE).stream);
    const received = { bytes: 0, hash: createHash('sha256'), stalled: false };
    let resume!: () => void;
    stubs['blob-data-service'].raw = (req: IncomingMessage, res: ServerResponse) => {
      req.on('data', (chunk: Buffer) => {
        received.bytes += chunk.length;
        received.hash.update(chunk);
        if (received.bytes >= 4 * MiB && !received.stalled) {
          received.stalled = true;
          req.pause();
          resume = () => req.resume();
        }
      });
      req.on('end', () => {
        res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-request-server-encrypted': 'true', 'content-length': '0' });
        res.end();
      });
    };
    const upload = source(SIZE);
    const uploaded = container().getBlockBlobClient('large.bin').upload(() => upload.stream, SIZE);

    await waitFor(() => received.stalled, { what: 'the service to have read 4 MiB', timeoutMs: 10_000 });
    await pause(1_000);
    const ahead = upload.counter.produced - received.bytes;
    expect(ahead).toBeLessThan(MAX_IN_FLIGHT);
    expect(upload.counter.produced).toBeLessThan(SIZE);
    resume();

    await expect(uploaded).resolves.toMatchObject({ isServerEncrypted: true });
    expect(received.bytes).toBe(SIZE);
    expect(received.hash.digest('hex')).toBe(expected);
  }, 60_000);

  it('streams a 64 MiB download back: while the client reads nothing, the service stays a bounded distance ahead', async () => {
    const expected = await sha256Of(source(SIZE).stream);
    const served = source(SIZE);
    stubs['blob-data-service'].raw = (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.writeHead(200, { 'content-length': String(SIZE), etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-blob-type': 'BlockBlob', 'x-ms-server-encrypted': 'true' });
      void pipeline(served.stream, res).catch(() => undefined);
    };
    const download = await container().getBlobClient('large.bin').download();
    const body = download.readableStreamBody as Readable;
    await pause(1_000);
    expect(served.counter.produced).toBeLessThan(MAX_IN_FLIGHT);
    expect(await sha256Of(body)).toBe(expected);
    expect(served.counter.produced).toBe(SIZE);
  }, 60_000);
});

describe('an answer before the body was read', () => {
  // As blob-data-service refuses a block too large: the answer at once, the body no further read (a consumer
  // that stopped, so Node does not drain it either) and the connection left open. Over a Unix socket, whose
  // buffers hold far less than the loopback TCP ones, a 4 MiB body then stops in the gateway.
  const refuseTooLarge = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'HEAD') {
      req.resume();
      res.writeHead(200, { 'content-length': '8', etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-blob-type': 'BlockBlob' });
      return void res.end();
    }
    req.once('data', () => req.pause());
    const xml = '<?xml version="1.0" encoding="utf-8"?><Error><Code>RequestBodyTooLarge</Code><Message>The request body is too large.</Message></Error>';
    res.writeHead(413, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)), 'x-ms-error-code': 'RequestBodyTooLarge' });
    res.end(xml);
  };
  let folder: string;
  let service: Server;
  let viaSocket: RunningGateway;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atrest-proxy-'));
    const socketPath = join(folder, 'blob-data-service.sock');
    service = createHttpServer(refuseTooLarge);
    await new Promise<void>((resolve) => service.listen(socketPath, resolve));
    viaSocket = await startGateway({ ...stubEnv(stubs), BLOB_DATA_SERVICE_SOCKET: socketPath });
  });
  afterAll(async () => {
    await viaSocket?.close();
    service?.closeAllConnections();
    await new Promise((resolve) => service?.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it("passes the answer on, reads and drops the rest of the body, and the caller's connection carries its next request", async () => {
    const client = container(viaSocket);
    const size = 4 * MiB + 1;
    const refused = await client.getBlockBlobClient('too-large.bin').upload(randomBytes(size), size).then(
      () => undefined,
      (error: { statusCode?: number; code?: string }) => error,
    );
    expect(refused).toMatchObject({ statusCode: 413, code: 'RequestBodyTooLarge' });
    await expect(client.getBlobClient('after.bin').getProperties({ abortSignal: AbortSignal.timeout(5_000) })).resolves.toMatchObject({ contentLength: 8 });
  });
});

describe('blob-data-service down or silent', () => {
  it('answers 503 ServerBusy (XML, with the request id) when blob-data-service does not accept connections', async () => {
    const refused = await container(orphan).create().then(
      () => undefined,
      (error: { statusCode?: number; code?: string; message: string }) => error,
    );
    expect(refused).toMatchObject({ statusCode: 503, code: 'ServerBusy' });
    expect(refused?.message).toMatch(/^The server is currently unable to receive requests/);
  });

  it('answers a HEAD (the code in x-ms-error-code) and an upload (its body read to the end first) alike', async () => {
    const head = await container(orphan).getBlobClient('blob.bin').getProperties().then(
      () => undefined,
      (error: { statusCode?: number; details?: { errorCode?: string } }) => error,
    );
    expect(head).toMatchObject({ statusCode: 503, details: { errorCode: 'ServerBusy' } });
    const upload = await container(orphan).getBlockBlobClient('upload.bin').upload(randomBytes(4 * MiB), 4 * MiB).then(
      () => undefined,
      (error: { statusCode?: number; code?: string }) => error,
    );
    expect(upload).toMatchObject({ statusCode: 503, code: 'ServerBusy' });
  });

  it('answers 500 OperationTimedOut once blob-data-service has been silent for DOWNSTREAM_TIMEOUT_MS', async () => {
    stubs['blob-data-service'].raw = (req) => req.resume();
    const started = Date.now();
    const refused = await container().getBlobClient('slow.bin').downloadToBuffer(0, 10).then(
      () => undefined,
      (error: { statusCode?: number; code?: string }) => error,
    );
    const elapsed = Date.now() - started;
    expect(refused).toMatchObject({ statusCode: 500, code: 'OperationTimedOut' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
