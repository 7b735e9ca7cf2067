import { DownstreamName } from '../config';
import { callGateway, RunningGateway, startGateway } from '../testing/gateway.fixture';
import { closeStubServices, startStubServices, stubEnv, StubServices } from '../testing/stub-services';

// The routing table end to end: each ARM path reaches the service that owns
// it, case-insensitively, exactly as sent (method, path, query, body), with
// the caller's token replaced by who the caller is.

const SUB = '2b7f4d8e-3c1a-4f6b-a9e0-5d4c3b2a1f00';
const R = 'api-version=2025-04-01';
const F = 'api-version=2021-07-01';
const S = 'api-version=2025-08-01';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/acct1`;

let stubs: StubServices;
let gateway: RunningGateway;
let bearer: string;
let operator: string;

beforeAll(async () => {
  stubs = await startStubServices();
  gateway = await startGateway(stubEnv(stubs));
  bearer = await gateway.token([SUB]);
  operator = await gateway.token([], { operator: true });
});

afterAll(async () => {
  await gateway?.close();
  await closeStubServices(stubs);
});

beforeEach(() => {
  for (const stub of Object.values(stubs)) stub.requests.length = 0;
});

const FEATURES: DownstreamName = 'feature-registration-service';
const ACCOUNTS: DownstreamName = 'account-service';

const customerRoutes: Array<[string, string, DownstreamName]> = [
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Storage/register?${R}`, FEATURES],
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Storage/unregister?${R}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers?${R}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Storage?${R}`, FEATURES],
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Features/register?${R}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Features?${R}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Features/features?${F}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Features/providers/Microsoft.Storage/features?${F}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Features/providers/Microsoft.Storage/features/EncryptionAtRest?${F}`, FEATURES],
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Features/providers/Microsoft.Storage/features/EncryptionAtRest/register?${F}`, FEATURES],
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Features/providers/Microsoft.Storage/features/EncryptionAtRest/unregister?${F}`, FEATURES],
  ['GET', `/subscriptions/${SUB}/resourcegroups?${R}`, ACCOUNTS],
  ['PUT', `/subscriptions/${SUB}/resourcegroups/rg1?${R}`, ACCOUNTS],
  ['HEAD', `/subscriptions/${SUB}/resourcegroups/rg1?${R}`, ACCOUNTS],
  ['DELETE', `/subscriptions/${SUB}/resourceGroups/rg1?${R}`, ACCOUNTS],
  ['GET', `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts?${S}`, ACCOUNTS],
  ['POST', `/subscriptions/${SUB}/providers/Microsoft.Storage/checkNameAvailability?${S}`, ACCOUNTS],
  ['GET', `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts?${S}`, ACCOUNTS],
  ['PUT', `${ACCOUNT}?${S}`, ACCOUNTS],
  ['GET', `${ACCOUNT}?${S}&$expand=geoReplicationStats`, ACCOUNTS],
  ['PATCH', `${ACCOUNT}?${S}`, ACCOUNTS],
  ['DELETE', `${ACCOUNT}?${S}`, ACCOUNTS],
  ['POST', `${ACCOUNT}/listKeys?${S}`, ACCOUNTS],
  ['POST', `${ACCOUNT}/regenerateKey?${S}`, ACCOUNTS],
];

const operatorRoutes: Array<[string, string, DownstreamName]> = [
  ['GET', '/operator/feature-registrations', FEATURES],
  ['POST', `/operator/subscriptions/${SUB}/features/Microsoft.Storage/EncryptionAtRest/approve`, FEATURES],
  ['POST', `/operator/subscriptions/${SUB}/features/Microsoft.Storage/EncryptionAtRest/reject`, FEATURES],
  ['PUT', '/operator/classicStorageAccounts/classic1', ACCOUNTS],
  ['POST', '/operator/classicStorageAccounts/classic1/migrate', ACCOUNTS],
];

/** Where a request went: the one stub that received it. */
const receivers = () => Object.values(stubs).filter((stub) => stub.requests.length > 0);

describe('routing', () => {
  it.each(customerRoutes)('%s %s -> %s', async (method, path, service) => {
    const reply = await callGateway(gateway, path, { method, bearer, body: method === 'PUT' || method === 'PATCH' || method === 'POST' ? { probe: path } : undefined });
    expect(reply.status).toBe(200);
    expect(receivers().map((stub) => stub.name)).toEqual([service]);
    const [forwarded] = stubs[service].requests;
    expect({ method: forwarded.method, url: forwarded.url }).toEqual({ method, url: path });
  });

  it.each(operatorRoutes)('%s %s -> %s (Operator role)', async (method, path, service) => {
    const reply = await callGateway(gateway, path, { method, bearer: operator, body: method === 'GET' ? undefined : {} });
    expect(reply.status).toBe(200);
    expect(receivers().map((stub) => stub.name)).toEqual([service]);
  });

  it('matches ARM paths case-insensitively and passes the path on as the caller wrote it', async () => {
    const path = `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/rg1/PROVIDERS/microsoft.storage/STORAGEACCOUNTS/acct1?${S}`;
    await callGateway(gateway, path, { bearer });
    expect(stubs[ACCOUNTS].requests.map((r) => r.url)).toEqual([path]);
  });

  it('forwards the JSON body byte for byte, and never the Authorization header or a caller-made principal', async () => {
    const body = '{ "location": "eastus",\n  "tags": {"a": "é"} }';
    await callGateway(gateway, `/subscriptions/${SUB}/resourcegroups/rg1?${R}`, {
      method: 'PUT',
      bearer,
      body,
      headers: { 'x-atrest-principal': 'mallory', 'x-custom': 'kept' },
    });
    const [forwarded] = stubs[ACCOUNTS].requests;
    expect(forwarded.body).toBe(body);
    expect(forwarded.headers.authorization).toBeUndefined();
    expect(forwarded.headers['x-atrest-principal']).toBe('spec-user');
    expect(forwarded.headers['x-custom']).toBe('kept');
    expect(forwarded.headers['content-type']).toBe('application/json');
    expect(forwarded.headers['x-forwarded-proto']).toBe('https');
  });

  it("passes the service's status, headers and body back (its ARM errors included)", async () => {
    stubs[ACCOUNTS].handler = (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json; charset=utf-8', location: '/somewhere', 'x-powered-by': 'Express' });
      res.end(JSON.stringify({ error: { code: 'StorageAccountClassicNotSupported', message: 'Create a Resource Manager account.' } }));
    };
    try {
      const reply = await callGateway(gateway, `${ACCOUNT}?${S}`, { method: 'PATCH', bearer, body: {} });
      expect(reply.status).toBe(409);
      expect(reply.body).toEqual({ error: { code: 'StorageAccountClassicNotSupported', message: 'Create a Resource Manager account.' } });
      expect(reply.headers.location).toBe('/somewhere');
      expect(reply.headers['x-powered-by']).toBeUndefined();
    } finally {
      stubs[ACCOUNTS].handler = undefined;
    }
  });

  it('sends nothing to key-management, blob-data or replicator: they have no management routes', async () => {
    for (const [method, path] of customerRoutes) await callGateway(gateway, path, { method, bearer });
    expect(stubs['key-management-service'].requests).toEqual([]);
    expect(stubs['blob-data-service'].requests).toEqual([]);
    expect(stubs['replicator-service'].requests).toEqual([]);
  });
});
