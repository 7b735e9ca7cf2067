import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownstreamReadinessCheck } from './downstream.readiness';

const listenOn = (path: string | 0, status: number, body: unknown): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/ready' ? status : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(path, () => resolve(server));
  });

describe('DownstreamReadinessCheck', () => {
  let folder: string;
  let server: Server | undefined;
  // The URL names a port nothing listens on: only the socket can answer.
  const service = (socketPath: string) => new DownstreamReadinessCheck({ name: 'blob-data-service', url: 'http://127.0.0.1:9', socketPath });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atrest-ready-'));
  });
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  it("asks /ready at the service's URL when it has no socket", async () => {
    server = await listenOn(0, 200, { status: 'ok' });
    const { port } = server.address() as { port: number };
    await expect(new DownstreamReadinessCheck({ name: 'account-service', url: `http://127.0.0.1:${port}` }).check()).resolves.toBeUndefined();
  });

  it('asks /ready on the socket requests go to', async () => {
    const path = join(folder, 'ready.sock');
    server = await listenOn(path, 200, { status: 'ok' });
    await expect(service(path).check()).resolves.toBeUndefined();
  });

  it("says which of the service's checks failed", async () => {
    const path = join(folder, 'ready.sock');
    server = await listenOn(path, 503, { checks: { database: { status: 'down', error: 'connect ECONNREFUSED' }, kafka: { status: 'up' } } });
    await expect(service(path).check()).rejects.toThrow('not ready: HTTP 503 (database: connect ECONNREFUSED)');
  });

  it('names the socket nobody answers on', async () => {
    const path = join(folder, 'missing.sock');
    await expect(service(path).check()).rejects.toThrow(`unreachable at ${path}: ENOENT`);
  });
});
