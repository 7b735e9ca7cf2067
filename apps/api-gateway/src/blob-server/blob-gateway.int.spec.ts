import { stringsToSign } from '@atrest/azure-wire';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, IncomingMessage, request, ServerResponse } from 'node:http';
import { RunningGateway, startGateway } from '../testing/gateway.fixture';
import { closeStubServices, RecordedRequest, startStubServices, stubEnv, StubServices } from '../testing/stub-services';

// The Blob data plane at the gateway, driven by the real @azure/storage-blob
// client: Shared Key with key1 or key2 in front of a stub blob-data-service
// (our own port) that records what reaches it, account keys from a stub of
// account-service's internal lookup. Refusals are Azure XML with their codes,
// on HEAD too, and nothing reaches the service.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS_TTL_MS = 1_500;
/** Also how old cached keys must be before a signature they did not make looks them up again. */
const NEGATIVE_TTL_MS = 600;
const newKey = (): string => randomBytes(64).toString('base64');

let stubs: StubServices;
let gateway: RunningGateway;
/** New account names per spec, so no spec sees what another left in the gateway's cache. */
let account: string;
let missing: string;
let accountCount = 0;
/** Accounts account-service knows, with their keys. */
const accounts = new Map<string, [string, string]>();
/** Blob contents the stub blob-data-service holds, by the path it was sent. */
const stored = new Map<string, string>();

beforeAll(async () => {
  stubs = await startStubServices();
  gateway = await startGateway({ ...stubEnv(stubs), ACCOUNT_KEYS_TTL_MS: String(KEYS_TTL_MS), ACCOUNT_KEYS_NEGATIVE_TTL_MS: String(NEGATIVE_TTL_MS) });
});

afterAll(async () => {
  await gateway?.close();
  await closeStubServices(stubs);
});

beforeEach(() => {
  account = `gwblobacct${++accountCount}`;
  missing = `gwmissing${accountCount}`;
  accounts.set(account, [newKey(), newKey()]);
  stored.clear();
  for (const stub of Object.values(stubs)) stub.requests.length = 0;
  stubs['account-service'].handler = accountLookup;
  stubs['blob-data-service'].handler = blobService;
});

/** account-service's GET /internal/storageAccounts/{name}, as it answers. */
function accountLookup(req: IncomingMessage, res: ServerResponse): void {
  const name = /^\/internal\/storageAccounts\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '';
  const keys = accounts.get(name);
  res.writeHead(keys ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(keys ? { name, sku: 'Standard_LRS', keys } : { error: { code: 'ResourceNotFound', message: `no account ${name}` } }));
}

/** Just enough of blob-data-service for the client calls below: containers, put, get, head, delete. */
function blobService(req: IncomingMessage, res: ServerResponse, body: string): void {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://stub');
  const common = { 'x-ms-version': String(req.headers['x-ms-version']), etag: '"0x8DCAFE"', 'last-modified': new Date().toUTCString(), 'x-ms-request-id': 'made-by-service' };
  if (req.method === 'PUT') {
    if (!searchParams.has('restype')) stored.set(pathname, body);
    res.writeHead(201, { ...common, 'x-ms-request-server-encrypted': 'true', 'content-length': '0' });
    return void res.end();
  }
  if (req.method === 'DELETE') {
    stored.delete(pathname);
    res.writeHead(202, { ...common, 'content-length': '0' });
    return void res.end();
  }
  const content = searchParams.has('restype') ? '' : stored.get(pathname);
  if (content === undefined) {
    res.writeHead(404, { ...common, 'x-ms-error-code': 'BlobNotFound', 'content-type': 'application/xml' });
    return void res.end(req.method === 'HEAD' ? undefined : '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>');
  }
  const headers = { ...common, 'content-length': String(Buffer.byteLength(content)), 'x-ms-server-encrypted': 'true', 'x-ms-blob-type': 'BlockBlob', 'content-type': 'text/plain' };
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : content);
}

const serviceClient = (key: string, name = account, nameInUrl = name): BlobServiceClient =>
  new BlobServiceClient(`${gateway.blobUrl}/${nameInUrl}`, new StorageSharedKeyCredential(name, key), { retryOptions: { maxTries: 1 } });

const key1 = (): string => accounts.get(account)![0];
const key2 = (): string => accounts.get(account)![1];
const forwarded = (): RecordedRequest[] => stubs['blob-data-service'].requests;
const lookups = (): RecordedRequest[] => stubs['account-service'].requests;

interface Refusal {
  status?: number;
  code?: string;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/** How a client call was refused (status and Azure code as the SDK's RestError reports them); fails when it was not. */
const refusal = (call: Promise<unknown>): Promise<Refusal> =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { statusCode?: number; code?: string; message: string; details?: Record<string, unknown>; response?: { headers: { get(name: string): string | undefined } } }) => ({
      status: error.statusCode,
      code: error.code,
      message: error.message,
      requestId: error.response?.headers.get('x-ms-request-id'),
      details: error.details,
    }),
  );

interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One plain HTTP request to the Blob listener (path sent as is); never hangs (10 s). */
const rawCall = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(gateway.blobUrl);
    const req = request({ hostname, port, path, method, headers, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 10 s: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });

/** Signs a raw request as a Shared Key client would (the canonicalization is checked against the SDK's own in libs/azure-wire). */
const signed = (method: string, path: string, headers: Record<string, string>, key: string): Record<string, string> => {
  const at = path.indexOf('?');
  const all = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-12-02', ...headers };
  const [text] = stringsToSign({ method, path: at < 0 ? path : path.slice(0, at), query: at < 0 ? '' : path.slice(at + 1), headers: all }, account);
  return { ...all, authorization: `SharedKey ${account}:${createHmac('sha256', Buffer.from(key, 'base64')).update(text).digest('base64')}` };
};

/** An Azure XML refusal by the gateway: status, code in header and body, request id, the caller's version echoed, nothing forwarded. */
const expectStorageError = (reply: RawReply, status: number, code: string): void => {
  expect({ status: reply.status, code: reply.headers['x-ms-error-code'] }).toEqual({ status, code });
  expect(reply.headers['x-ms-request-id']).toMatch(UUID);
  expect(reply.headers['content-type']).toBe('application/xml');
  expect(reply.text).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?><Error><Code>${code}</Code><Message>[^<]*\\nRequestId:${reply.headers['x-ms-request-id']}\\nTime:`));
  expect(reply.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  expect(forwarded()).toEqual([]);
};

describe('through the real @azure/storage-blob client', () => {
  it('creates a container, uploads, reads and deletes a blob: each call reaches blob-data-service at /blob/{account}/... without Authorization', async () => {
    const container = serviceClient(key1()).getContainerClient('photos');
    const created = await container.create();
    const blob = container.getBlockBlobClient('2026/summer day.txt');
    const uploaded = await blob.upload('sunny', 5, { metadata: { camera: 'x100', a_b: '1', a1: '2' }, blobHTTPHeaders: { blobContentType: 'text/plain' } });
    const downloaded = await blob.downloadToBuffer();
    const properties = await blob.getProperties();
    await blob.delete();

    expect(downloaded.toString()).toBe('sunny');
    expect(properties).toMatchObject({ contentLength: 5, isServerEncrypted: true });
    expect(uploaded.isServerEncrypted).toBe(true);
    expect(forwarded().map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT /blob/${account}/photos?restype=container`,
      `PUT /blob/${account}/photos/2026/summer%20day.txt`,
      // downloadToBuffer asks for the size first.
      `HEAD /blob/${account}/photos/2026/summer%20day.txt`,
      `GET /blob/${account}/photos/2026/summer%20day.txt`,
      `HEAD /blob/${account}/photos/2026/summer%20day.txt`,
      `DELETE /blob/${account}/photos/2026/summer%20day.txt`,
    ]);
    for (const received of forwarded()) {
      expect(received.headers.authorization).toBeUndefined();
      expect(received.headers['x-atrest-account']).toBe(account);
      expect(received.headers['x-atrest-location']).toBe('primary');
      expect(received.headers['x-ms-request-id']).toMatch(UUID);
      expect(received.headers['x-ms-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(received.headers['x-ms-date']).toBeDefined();
    }
    const put = forwarded()[1];
    expect(put.body).toBe('sunny');
    expect(put.headers).toMatchObject({ 'x-ms-meta-camera': 'x100', 'x-ms-meta-a_b': '1', 'x-ms-meta-a1': '2', 'x-ms-blob-type': 'BlockBlob', 'content-length': '5' });
    // The client sees the gateway's request id (also the one blob-data-service was given), not one the service made up.
    expect(created.requestId).toBe(forwarded()[0].headers['x-ms-request-id']);
  });

  it('accepts key2 as well as key1', async () => {
    await serviceClient(key2()).getContainerClient('second').create();
    expect(forwarded().map((r) => r.url)).toEqual([`/blob/${account}/second?restype=container`]);
  });

  it('passes list queries (prefix, marker, maxresults, include) on unchanged', async () => {
    stubs['blob-data-service'].handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'x-ms-version': '2021-12-02' });
      res.end('<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="docs"><Prefix>a/</Prefix><Marker>m1</Marker><MaxResults>2</MaxResults><Blobs/><NextMarker/></EnumerationResults>');
    };
    const pages = serviceClient(key1()).getContainerClient('docs').listBlobsFlat({ prefix: 'a/', includeMetadata: true }).byPage({ continuationToken: 'm1', maxPageSize: 2 });
    await pages.next();
    const url = new URL(forwarded()[0].url, 'http://stub');
    expect(url.pathname).toBe(`/blob/${account}/docs`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ restype: 'container', comp: 'list', prefix: 'a/', marker: 'm1', maxresults: '2', include: 'metadata' });
  });

  it('forwards the RA-GRS secondary ({account}-secondary, as the SDK signs it) with x-atrest-location: secondary', async () => {
    await serviceClient(key1(), account, `${account}-secondary`).getContainerClient('photos').getProperties();
    expect(forwarded()).toHaveLength(1);
    expect(forwarded()[0]).toMatchObject({ method: 'GET', url: `/blob/${account}/photos?restype=container` });
    expect(forwarded()[0].headers).toMatchObject({ 'x-atrest-account': account, 'x-atrest-location': 'secondary' });
  });

  it('refuses a signature made with another key: 403 AuthenticationFailed through the SDK, nothing forwarded', async () => {
    const container = serviceClient(newKey()).getContainerClient('photos');
    const created = await refusal(container.create());
    expect(created).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(created.details?.authenticationErrorDetail).toMatch(/^The MAC signature found in the HTTP request '[^']+' is not the same as any computed signature/);
    expect(created.requestId).toMatch(UUID);
    // HEAD: no body, the code comes from x-ms-error-code alone.
    expect(await refusal(container.getBlobClient('b.txt').getProperties())).toMatchObject({ status: 403, details: { errorCode: 'AuthenticationFailed' } });
    expect(forwarded()).toEqual([]);
  });

  it('refuses an account that does not exist: 404 ResourceNotFound, on HEAD too', async () => {
    const client = serviceClient(newKey(), missing);
    expect(await refusal(client.getContainerClient('c1').create())).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await refusal(client.getContainerClient('c1').getBlobClient('b').getProperties())).toMatchObject({ status: 404, details: { errorCode: 'ResourceNotFound' } });
    expect(forwarded()).toEqual([]);
  });
});

describe('refusals by the gateway itself', () => {
  it('without Authorization: 401 NoAuthenticationInformation with a Shared Key challenge (x-ms-version 2019-12-12 on), else 403 AuthenticationFailed', async () => {
    const modern = await rawCall('GET', `/${account}/c1?restype=container`, { 'x-ms-version': '2021-12-02', 'x-ms-client-request-id': 'client-1' });
    expectStorageError(modern, 401, 'NoAuthenticationInformation');
    expect(modern.headers['www-authenticate']).toBe('SharedKey');
    expect(modern.headers).toMatchObject({ 'x-ms-version': '2021-12-02', 'x-ms-client-request-id': 'client-1' });
    const unversioned = await rawCall('GET', `/${account}/c1/b.txt`);
    expectStorageError(unversioned, 403, 'AuthenticationFailed');
    expect(unversioned.text).toContain('<AuthenticationErrorDetail>The request has no Authorization header');
  });

  it('answers HEAD refusals with the headers only', async () => {
    const reply = await rawCall('HEAD', `/${account}/c1/b.txt`, signed('HEAD', `/${account}/c1/b.txt`, {}, newKey()));
    expect({ status: reply.status, code: reply.headers['x-ms-error-code'], text: reply.text }).toEqual({ status: 403, code: 'AuthenticationFailed', text: '' });
    expect(reply.headers['x-ms-request-id']).toMatch(UUID);
    const unknown = await rawCall('HEAD', `/${missing}/c1/b.txt`);
    expect({ status: unknown.status, code: unknown.headers['x-ms-error-code'], text: unknown.text }).toEqual({ status: 404, code: 'ResourceNotFound', text: '' });
    expect(forwarded()).toEqual([]);
  });

  it('shows the string it signed in AuthenticationErrorDetail, as Azure does', async () => {
    const path = `/${account}/c1/b.txt?comp=metadata`;
    const reply = await rawCall('PUT', path, signed('PUT', path, { 'x-ms-meta-k': 'v' }, newKey()), '');
    expectStorageError(reply, 403, 'AuthenticationFailed');
    const text = reply.text.replace(/&apos;/g, "'");
    expect(text).toMatch(/<AuthenticationErrorDetail>The MAC signature found in the HTTP request '[^']+' is not the same as any computed signature\. Server used following string to sign: 'PUT\n/);
    expect(text).toContain(`x-ms-meta-k:v\nx-ms-version:2021-12-02\n/${account}/${account}/c1/b.txt\ncomp:metadata'.</AuthenticationErrorDetail>`);
  });

  it('refuses a request dated more than 15 minutes ago (a replay): 403 AuthenticationFailed', async () => {
    const path = `/${account}/c1?restype=container`;
    const reply = await rawCall('GET', path, signed('GET', path, { 'x-ms-date': new Date(Date.now() - 16 * 60_000).toUTCString() }, key1()));
    expectStorageError(reply, 403, 'AuthenticationFailed');
    expect(reply.text).toContain('Request date header too old');
  });

  it.each([
    ['a dot segment', `/${account}/c1/../other/b.txt`],
    ['an encoded dot segment', `/${account}/c1/%2e%2E/b.txt`],
    ['no account', '/?comp=list'],
  ])('refuses a path with %s: 400 InvalidUri', async (_, path) => {
    expectStorageError(await rawCall('GET', path, signed('GET', path, {}, key1())), 400, 'InvalidUri');
  });

  it('answers Expect: 100-continue only once the request is authorized, so a refused upload is never sent', async () => {
    const path = `/${account}/c1/upload.bin`;
    const body = 'x'.repeat(64 * 1024);
    const put = (key: string) =>
      new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
        const { hostname, port } = new URL(gateway.blobUrl);
        const headers = { ...signed('PUT', path, { 'content-length': String(body.length), 'x-ms-blob-type': 'BlockBlob' }, key), expect: '100-continue' };
        let continued = false;
        const req = request({ hostname, port, path, method: 'PUT', headers }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
        });
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    expect(await put(newKey())).toEqual({ status: 403, continued: false });
    expect(forwarded()).toEqual([]);
    expect(await put(key1())).toEqual({ status: 201, continued: true });
    expect(forwarded()[0].body).toBe(body);
    expect(forwarded()[0].headers.expect).toBeUndefined();
  });

  it('is not fooled by x-atrest- headers from the caller: the gateway sets its own and drops the rest', async () => {
    const path = `/${account}/c1/b.txt`;
    stored.set(`/blob/${account}/c1/b.txt`, 'mine');
    const headers = { ...signed('GET', path, {}, key1()), 'x-atrest-account': 'someoneelse', 'x-atrest-location': 'secondary', 'x-atrest-principal': 'admin' };
    expect((await rawCall('GET', path, headers)).status).toBe(200);
    expect(forwarded()[0].headers).toMatchObject({ 'x-atrest-account': account, 'x-atrest-location': 'primary' });
    expect(forwarded()[0].headers['x-atrest-principal']).toBeUndefined();
  });
});

describe('connections', () => {
  it("keeps a client's idle keep-alive connection past Node's 5 s default, so a client that pauses reuses it instead of racing its close", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(gateway.blobUrl);
    const call = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = request({ hostname, port, path: `/${account}?comp=list`, agent }, (res) => {
          res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await call()).toEqual({ status: 403, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await call()).toEqual({ status: 403, reused: true });
    } finally {
      agent.destroy();
    }
  });
});

describe('account keys', () => {
  it('asks account-service once per account while cached, unknown accounts included', async () => {
    const client = serviceClient(key1());
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((name) => client.getContainerClient(`c${name}`).create()));
    await client.getContainerClient('c5').create();
    const unknown = serviceClient(newKey(), missing);
    for (let i = 0; i < 3; i++) await refusal(unknown.getContainerClient('c1').create());
    expect(lookups().map((r) => r.url).sort()).toEqual([`/internal/storageAccounts/${account}`, `/internal/storageAccounts/${missing}`]);
  });

  it('after a key is regenerated: the old one works until the cache expires, then only the new one', async () => {
    const oldKey = key1();
    await serviceClient(oldKey).getContainerClient('before').create();
    accounts.set(account, [newKey(), key2()]);
    await serviceClient(oldKey).getContainerClient('within-ttl').create();
    await new Promise((resolve) => setTimeout(resolve, KEYS_TTL_MS + 50));
    expect(await refusal(serviceClient(oldKey).getContainerClient('after-ttl').create())).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    await serviceClient(key1()).getContainerClient('new-key').create();
    expect(forwarded().map((r) => r.url)).toEqual(['before', 'within-ttl', 'new-key'].map((c) => `/blob/${account}/${c}?restype=container`));
  });

  it('accepts a regenerated key before the cached keys expire (once they are ACCOUNT_KEYS_NEGATIVE_TTL_MS old), and the old key stops with it', async () => {
    const oldKey = key1();
    await serviceClient(oldKey).getContainerClient('before').create();
    const regenerated = newKey();
    accounts.set(account, [regenerated, key2()]);
    await new Promise((resolve) => setTimeout(resolve, NEGATIVE_TTL_MS + 50));
    await serviceClient(regenerated).getContainerClient('new-key').create();
    expect(await refusal(serviceClient(oldKey).getContainerClient('old-key').create())).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(forwarded().map((r) => r.url)).toEqual(['before', 'new-key'].map((c) => `/blob/${account}/${c}?restype=container`));
  });

  it('knows an account created after it was asked for once the short negative cache expires', async () => {
    const key = newKey();
    expect(await refusal(serviceClient(key, missing).getContainerClient('c1').create())).toMatchObject({ status: 404 });
    accounts.set(missing, [key, newKey()]);
    await new Promise((resolve) => setTimeout(resolve, NEGATIVE_TTL_MS + 50));
    await serviceClient(key, missing).getContainerClient('c1').create();
    expect(forwarded().map((r) => r.headers['x-atrest-account'])).toEqual([missing]);
  });

  it('answers 503 ServerBusy when account-service cannot say, and caches nothing then', async () => {
    stubs['account-service'].handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"InternalServerError","message":"down"}}');
    };
    const path = `/${account}/c1?restype=container`;
    expectStorageError(await rawCall('PUT', path, signed('PUT', path, {}, key1())), 503, 'ServerBusy');
    stubs['account-service'].handler = accountLookup;
    expect((await rawCall('PUT', path, signed('PUT', path, {}, key1()))).status).toBe(201);
  });
});
