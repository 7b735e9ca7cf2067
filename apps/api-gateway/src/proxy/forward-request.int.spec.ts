import { waitFor } from '@atrest/testing';
import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { request } from 'node:https';
import { callGateway, RunningGateway, startGateway } from '../testing/gateway.fixture';
import { closeStubServices, startStubServices, stubEnv, StubServices } from '../testing/stub-services';

// The gateway as a proxy: bodies stream through in both directions (never
// buffered whole), a service that is down is a 503 and a silent one a 504
// within the timeout (never a hang), a caller that leaves stops the work.

const SUB = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/acct1?api-version=2025-08-01`;
const FEATURE = `/subscriptions/${SUB}/providers/Microsoft.Features/features?api-version=2021-07-01`;
const TIMEOUT_MS = 600;

let stubs: StubServices;
let gateway: RunningGateway;
let bearer: string;

beforeAll(async () => {
  stubs = await startStubServices();
  gateway = await startGateway({
    ...stubEnv(stubs),
    FEATURE_REGISTRATION_SERVICE_URL: `http://127.0.0.1:${await closedPort()}`,
    DOWNSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  bearer = await gateway.token([SUB]);
});

afterAll(async () => {
  await gateway?.close();
  await closeStubServices(stubs);
});

afterEach(() => {
  stubs['account-service'].raw = undefined;
});

/** A streaming request to the gateway: write chunks when you like, read the answer as it comes. */
function openStream(method: string, path: string) {
  const { hostname, port } = new URL(gateway.url);
  const chunks: string[] = [];
  let status = 0;
  let failed: Error | undefined;
  let ended = false;
  const req = request({ hostname, port, path, method, ca: gateway.caCert, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
    res.on('end', () => (ended = true));
    res.on('error', (error) => (failed = error));
  });
  req.on('error', (error) => (failed = error));
  req.flushHeaders();
  return { req, chunks, status: () => status, failed: () => failed, ended: () => ended };
}

describe('streaming', () => {
  it('passes the first part of a request body on before the caller has sent the rest', async () => {
    const received: string[] = [];
    let finished = false;
    stubs['account-service'].raw = (req, res) => {
      req.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));
      req.on('end', () => {
        finished = true;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: received.join('') }));
      });
    };
    const stream = openStream('PUT', ACCOUNT);
    stream.req.write('{"location":');
    await waitFor(() => received.join('') === '{"location":', { what: 'the first part at the service', timeoutMs: 5_000 });
    expect(finished).toBe(false);
    stream.req.end('"eastus"}');
    await waitFor(() => stream.ended(), { what: 'the answer', timeoutMs: 5_000 });
    expect(JSON.parse(stream.chunks.join(''))).toEqual({ received: '{"location":"eastus"}' });
  });

  it('lets the service refuse a large body on its headers, before the caller has sent any of it', async () => {
    stubs['account-service'].raw = (req, res) => {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ refused: req.headers['content-length'] }));
    };
    const { hostname, port } = new URL(gateway.url);
    const length = String(200 * 1024 * 1024);
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = request({ hostname, port, path: ACCOUNT, method: 'PUT', ca: gateway.caCert, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'content-length': length } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', reject);
      req.flushHeaders(); // and never a byte of the body
    });
    expect(answer).toEqual({ status: 413, body: JSON.stringify({ refused: length }) });
  });

  it('passes the first part of an answer on before the service has sent the rest', async () => {
    let finish!: () => void;
    stubs['account-service'].raw = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"value":[');
      finish = () => res.end(']}');
    };
    const stream = openStream('GET', ACCOUNT);
    stream.req.end();
    await waitFor(() => stream.chunks.join('') === '{"value":[', { what: 'the first part at the caller', timeoutMs: 5_000 });
    expect(stream.ended()).toBe(false);
    finish();
    await waitFor(() => stream.ended(), { what: 'the rest', timeoutMs: 5_000 });
    expect(stream.chunks.join('')).toBe('{"value":[]}');
  });

  it('stops the request at the service when the caller goes away', async () => {
    let serviceSawClose = false;
    stubs['account-service'].raw = (req, res) => {
      res.on('close', () => (serviceSawClose = true));
      req.resume();
      res.writeHead(200);
      res.write('partial');
    };
    const stream = openStream('GET', ACCOUNT);
    stream.req.end();
    await waitFor(() => stream.chunks.length > 0, { what: 'the first bytes', timeoutMs: 5_000 });
    stream.req.destroy();
    await waitFor(() => serviceSawClose, { what: 'the service to see the request closed', timeoutMs: 5_000 });
  });

  it('cuts the connection when the service fails mid-answer, rather than end a truncated body cleanly', async () => {
    stubs['account-service'].raw = (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part of it');
      setTimeout(() => res.destroy(), 50);
    };
    const stream = openStream('GET', ACCOUNT);
    stream.req.end();
    await waitFor(() => stream.failed() ?? (stream.ended() && 'ended'), { what: 'the caller to see the end', timeoutMs: 5_000 });
    expect(stream.failed()).toBeDefined();
  });
});

describe('a service that is down or silent', () => {
  it('answers 503 ServiceUnavailable with Retry-After when the service does not accept connections', async () => {
    const started = Date.now();
    const reply = await callGateway(gateway, FEATURE, { bearer });
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ error: { code: 'ServiceUnavailable', message: expect.stringContaining('feature-registration-service') } });
    expect(reply.headers['retry-after']).toBe('5');
    expect(reply.headers['x-ms-request-id']).toBeDefined();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('answers 504 GatewayTimeout once the service has been silent for DOWNSTREAM_TIMEOUT_MS', async () => {
    stubs['account-service'].raw = (req) => req.resume();
    const started = Date.now();
    const reply = await callGateway(gateway, ACCOUNT, { bearer });
    const elapsed = Date.now() - started;
    expect(reply.status).toBe(504);
    expect(reply.body).toEqual({ error: { code: 'GatewayTimeout', message: expect.stringContaining(`${TIMEOUT_MS} ms`) } });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('answers 503 when a request with a body meets a service that is down, and the connection still serves the answer', async () => {
    const reply = await callGateway(gateway, FEATURE.replace('features?', 'providers/Microsoft.Storage/features/EncryptionAtRest/register?'), {
      method: 'POST',
      bearer,
      body: 'x'.repeat(256 * 1024),
    });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('ServiceUnavailable');
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
