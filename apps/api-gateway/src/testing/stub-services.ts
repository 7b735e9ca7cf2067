import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DownstreamName } from '../config';

// Stand-ins for the services behind the gateway in the gateway's own specs:
// plain HTTP servers on loopback that record what reaches them.

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type StubHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface StubService {
  readonly name: DownstreamName;
  readonly url: string;
  /** Requests received, /ready probes excepted. */
  readonly requests: RecordedRequest[];
  /** What GET /ready answers. */
  ready: boolean;
  /** How it answers the next requests (default: 200 {service, method, url}). */
  handler: StubHandler | undefined;
  /** Receives requests itself instead of the buffering default (streaming specs). */
  raw: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  close(): Promise<void>;
}

const NAMES: readonly DownstreamName[] = ['account-service', 'feature-registration-service', 'key-management-service', 'blob-data-service', 'replicator-service'];

export type StubServices = Record<DownstreamName, StubService>;

export const startStubServices = async (): Promise<StubServices> => {
  const stubs = await Promise.all(NAMES.map(startStub));
  return Object.fromEntries(stubs.map((stub) => [stub.name, stub])) as StubServices;
};

/** The gateway settings pointing at the stubs. */
export const stubEnv = (stubs: StubServices): Record<string, string> => ({
  ACCOUNT_SERVICE_URL: stubs['account-service'].url,
  FEATURE_REGISTRATION_SERVICE_URL: stubs['feature-registration-service'].url,
  KEY_MANAGEMENT_SERVICE_URL: stubs['key-management-service'].url,
  BLOB_DATA_SERVICE_URL: stubs['blob-data-service'].url,
  REPLICATOR_SERVICE_URL: stubs['replicator-service'].url,
});

export const closeStubServices = (stubs: StubServices | undefined): Promise<unknown> =>
  Promise.all(Object.values(stubs ?? {}).map((stub) => stub.close()));

async function startStub(name: DownstreamName): Promise<StubService> {
  const stub: StubService = {
    name,
    url: '',
    requests: [],
    ready: true,
    handler: undefined,
    raw: undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(stub.ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stub.ready ? { status: 'ready', checks: {} } : { status: 'not ready', checks: { database: { status: 'down', error: 'stopped' } } }));
      return;
    }
    if (stub.raw) return stub.raw(req, res);
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      stub.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (stub.handler) return stub.handler(req, res, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ service: name, method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(stub, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
