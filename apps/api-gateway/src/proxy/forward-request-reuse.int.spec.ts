import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ArmError } from '@atrest/azure-wire';
import { forwardRequest } from './forward-request';
import { SERVICE_IDLE_CONNECTION_MS, serviceAgent } from './service-agent';

// A kept-alive connection the service closes just as the proxy reuses it
// (Node's reusedSocket race): a request without a body is sent again on a
// new connection; one with a body cannot be, and is a 503.

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Answers the first request of every connection and resets the connection on its second. */
const resettingService = () => {
  const served = new WeakMap<Socket, number>();
  const server = createServer((req, res) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    if (count > 1) return req.socket.resetAndDestroy();
    req.resume().on('end', () => res.end(`answered ${req.method}`));
  });
  return server;
};

const call = (url: string, method: string, body?: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: body ? { 'content-length': String(body.length) } : {} }, (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });

describe('forwardRequest over a reused connection the service has closed', () => {
  let service: Server;
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    service = resettingService();
    const serviceUrl = await listen(service);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    proxy = createServer((req, res) => {
      forwardRequest(req, res, {
        downstream: { name: 'blob-data-service', url: serviceUrl },
        agent,
        timeoutMs: 5_000,
        requestHeaders: {},
        dropRequestHeaders: [],
        responseHeaders: {},
      }).catch((error: ArmError) => res.writeHead(error.status).end(error.code));
    });
    proxyUrl = await listen(proxy);
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    service.closeAllConnections();
    await Promise.all([proxy, service].map((s) => new Promise((done) => s.close(done))));
  });

  it('sends a bodiless request again on a new connection', async () => {
    expect(await call(proxyUrl, 'GET')).toEqual({ status: 200, text: 'answered GET' });
    expect(await call(proxyUrl, 'GET')).toEqual({ status: 200, text: 'answered GET' });
    expect(await call(proxyUrl, 'HEAD')).toEqual({ status: 200, text: '' });
  });

  it('answers 503 for a request whose body has already gone out', async () => {
    expect(await call(proxyUrl, 'PUT', 'first')).toEqual({ status: 200, text: 'answered PUT' });
    expect(await call(proxyUrl, 'PUT', 'second')).toEqual({ status: 503, text: 'ServiceUnavailable' });
  });
});

describe("the gateway's pool of connections to a service", () => {
  it("closes an idle connection itself before the service's 5 s keep-alive timeout would, so nothing is ever sent on one being closed", async () => {
    const closedByGateway: number[] = [];
    let answeredAt = 0;
    const service = createServer((req, res) => {
      req.socket.once('end', () => closedByGateway.push(Date.now() - answeredAt));
      req.resume().on('end', () => {
        res.end('answered');
        answeredAt = Date.now();
      });
    });
    const url = await listen(service);
    const agent = serviceAgent();
    try {
      await new Promise<void>((resolve, reject) => request(url, { method: 'PUT', agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end('body'));
      await new Promise((r) => setTimeout(r, SERVICE_IDLE_CONNECTION_MS + 600));
      expect(closedByGateway).toHaveLength(1);
      expect(closedByGateway[0]).toBeGreaterThanOrEqual(SERVICE_IDLE_CONNECTION_MS - 100);
      expect(closedByGateway[0]).toBeLessThan(service.keepAliveTimeout);
    } finally {
      agent.destroy();
      service.closeAllConnections();
      await new Promise((done) => service.close(done));
    }
  });
});
