import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp, type Options } from 'pino-http';
import { accessLogLevel, loggedPath, requestIdOf, SLOW_REQUEST_MS } from './access-log';
import { loggerParams } from './logger.options';

describe('accessLogLevel', () => {
  const ok = { status: 201, ms: 3, completed: true };

  it('keeps ordinary requests at debug, so the default level writes nothing for them', () => {
    expect(accessLogLevel(ok)).toBe('debug');
    expect(accessLogLevel({ ...ok, status: 304 })).toBe('debug');
  });

  it('logs refusals, cut answers and slow requests at info', () => {
    expect(accessLogLevel({ ...ok, status: 404 })).toBe('info');
    expect(accessLogLevel({ ...ok, completed: false })).toBe('info');
    expect(accessLogLevel({ ...ok, ms: SLOW_REQUEST_MS })).toBe('info');
  });

  it('logs failures at error', () => {
    expect(accessLogLevel({ ...ok, status: 503 })).toBe('error');
    expect(accessLogLevel({ ...ok, failed: true })).toBe('error');
  });
});

describe('loggedPath', () => {
  it('keeps the path and ordinary query parameters as sent', () => {
    expect(loggedPath('/blob/acct/c/b%20x')).toBe('/blob/acct/c/b%20x');
    expect(loggedPath('/blob/acct/c/b?comp=block&blockid=AAA%3D')).toBe('/blob/acct/c/b?comp=block&blockid=AAA%3D');
  });

  it('redacts the values of credential parameters, however spelled', () => {
    expect(loggedPath('/a/c/b?sv=2021&sig=abc%2Bdef&se=x')).toBe('/a/c/b?sv=2021&sig=[redacted]&se=x');
    expect(loggedPath('/a?SIG=1&api-key=2&access_token=3&%6beys=4')).toBe('/a?SIG=[redacted]&api-key=[redacted]&access_token=[redacted]&%6beys=[redacted]');
  });
});

describe('requestIdOf', () => {
  it("takes the gateway's x-ms-request-id, else makes one", () => {
    expect(requestIdOf({ 'x-ms-request-id': 'abc-123' })).toBe('abc-123');
    expect(requestIdOf({ 'x-ms-request-id': 'not sane\n' })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the access log of a service (loggerParams)', () => {
  let server: Server;
  let lines: Array<Record<string, unknown>>;

  /** A server logging through the platform's pino-http settings at `level`, answering the status in the path. */
  const start = async (level: 'info' | 'debug') => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    const log = pinoHttp(loggerParams('test-service', level).pinoHttp as Options, sink);
    server = createServer((req, res) => {
      log(req, res);
      res.statusCode = Number(/\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 200);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const send = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers }).then((r) => r.arrayBuffer());
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes nothing for a successful request at info, and one short line for a refusal', async () => {
    const url = await start('info');
    await send(`${url}/blob/acct/c/b/200`);
    await send(`${url}/blob/acct/c/b/404?comp=metadata&sig=secret`, { 'x-ms-request-id': 'req-1', authorization: 'SharedKey acct:c2lnbmF0dXJl' });
    await settle();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      service: 'test-service',
      req: { id: 'req-1', method: 'GET', path: '/blob/acct/c/b/404?comp=metadata&sig=[redacted]' },
      res: { status: 404 },
      msg: 'request completed',
    });
    expect(typeof line.ms).toBe('number');
    expect(Object.keys(line.req as object).sort()).toEqual(['id', 'method', 'path']);
    expect(JSON.stringify(line)).not.toMatch(/c2lnbmF0dXJl|secret|authorization/i);
  });

  it('logs failures at error and, at debug, every request', async () => {
    const url = await start('debug');
    await send(`${url}/200`);
    await send(`${url}/503`);
    await settle();
    expect(lines.map((line) => [line.level, (line.res as { status: number }).status])).toEqual([
      [20, 200],
      [50, 503],
    ]);
  });
});
