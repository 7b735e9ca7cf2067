import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { callGateway, HttpsReply, RunningGateway, startGateway } from '../testing/gateway.fixture';
import { closeStubServices, startStubServices, stubEnv, StubServices } from '../testing/stub-services';

// The management plane's own behaviour, before any service is involved:
// authentication, authorization, api-version, request ids, public endpoints,
// and error bodies without internals. Services are stubs (our own ports).

const SUB = '6f1c2a4e-8b0d-4c55-9b7e-0d3f5e2a1b11';
const OTHER_SUB = '0a9b8c7d-1111-4222-8333-944455556666';
const RG_PATH = `/subscriptions/${SUB}/resourcegroups/rg1?api-version=2025-04-01`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let stubs: StubServices;
let gateway: RunningGateway;

beforeAll(async () => {
  stubs = await startStubServices();
  gateway = await startGateway(stubEnv(stubs));
});

afterAll(async () => {
  await gateway?.close();
  await closeStubServices(stubs);
});

beforeEach(() => {
  for (const stub of Object.values(stubs)) {
    stub.requests.length = 0;
    stub.ready = true;
  }
});

const call = (path: string, options: Parameters<typeof callGateway>[2] = {}) => callGateway(gateway, path, options);

/** An ARM error answer: status, code, the ids, and nothing that looks like internals. */
const expectArmError = (reply: HttpsReply, status: number, code: string): void => {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(reply.body)).toEqual(['error']);
  expect(typeof reply.body.error.message).toBe('string');
  expect(reply.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect(reply.headers['x-ms-request-id']).toMatch(UUID);
};

const nothingForwarded = (): void => {
  expect(Object.values(stubs).flatMap((stub) => stub.requests)).toEqual([]);
};

describe('TLS', () => {
  it('serves HTTPS with a certificate for 127.0.0.1 signed by the dev CA, which nothing else trusts', async () => {
    expect(gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(call('/openapi.json')).resolves.toMatchObject({ status: 200 });
    await expect(callGateway({ url: gateway.url, caCert: '' }, '/openapi.json')).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });
});

describe('authentication', () => {
  it('refuses a request without Authorization: 401 AuthenticationFailed with a Bearer challenge, nothing forwarded', async () => {
    const reply = await call(RG_PATH);
    expectArmError(reply, 401, 'AuthenticationFailed');
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer /);
    nothingForwarded();
  });

  it('refuses a non-Bearer Authorization header with 401 AuthenticationFailed', async () => {
    const reply = await call(RG_PATH, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expectArmError(reply, 401, 'AuthenticationFailed');
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it.each([
    ['garbage', async () => 'not-a-jwt'],
    ['signed with another key', async () => sign({ subscriptions: [SUB] }, randomBytes(32))],
    ['expired', async () => sign({ subscriptions: [SUB], exp: nowSeconds() - 120 })],
    ['for another audience', async () => sign({ subscriptions: [SUB], aud: 'https://storage.azure.com/' })],
    ['from another issuer', async () => sign({ subscriptions: [SUB], iss: 'someone-else' })],
    ['unsigned (alg none)', async () => unsigned({ subscriptions: [SUB] })],
    ['with a malformed subscriptions claim', async () => sign({ subscriptions: SUB })],
  ])('refuses a token that is %s: 401 InvalidAuthenticationToken with an invalid_token challenge', async (_, token) => {
    const reply = await call(RG_PATH, { bearer: await token() });
    expectArmError(reply, 401, 'InvalidAuthenticationToken');
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
    nothingForwarded();
  });

  it('says so when the token has expired', async () => {
    const reply = await call(RG_PATH, { bearer: await sign({ subscriptions: [SUB], exp: nowSeconds() - 120 }) });
    expect(reply.body.error.message).toMatch(/expired/);
  });
});

describe('authorization', () => {
  it('refuses a token without the path subscription: 403 AuthorizationFailed, nothing forwarded', async () => {
    const reply = await call(RG_PATH, { bearer: await gateway.token([OTHER_SUB]) });
    expectArmError(reply, 403, 'AuthorizationFailed');
    expect(reply.body.error.message).toContain(SUB);
    nothingForwarded();
  });

  it('compares subscription ids case-insensitively, as ARM does', async () => {
    const reply = await call(RG_PATH.replace(SUB, SUB.toUpperCase()), { bearer: await gateway.token([SUB]) });
    expect(reply.status).toBe(200);
  });

  it('opens /operator/... only to tokens with the Operator role', async () => {
    const path = '/operator/feature-registrations';
    expectArmError(await call(path, { bearer: await gateway.token([SUB]) }), 403, 'AuthorizationFailed');
    nothingForwarded();
    const reply = await call(path, { bearer: await gateway.token([], { operator: true }) });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ service: 'feature-registration-service', url: path });
  });

  it('gives an operator token no subscription rights of its own', async () => {
    expectArmError(await call(RG_PATH, { bearer: await gateway.token([], { operator: true }) }), 403, 'AuthorizationFailed');
  });
});

describe('api-version', () => {
  let bearer: string;
  beforeAll(async () => {
    bearer = await gateway.token([SUB]);
  });

  it('is required: 400 MissingApiVersionParameter, nothing forwarded', async () => {
    const reply = await call(`/subscriptions/${SUB}/resourcegroups/rg1`, { bearer });
    expectArmError(reply, 400, 'MissingApiVersionParameter');
    nothingForwarded();
  });

  it('must be one the path supports: 400 InvalidApiVersionParameter naming the supported ones', async () => {
    const reply = await call(`/subscriptions/${SUB}/resourcegroups/rg1?api-version=2099-01-01`, { bearer });
    expectArmError(reply, 400, 'InvalidApiVersionParameter');
    expect(reply.body.error.message).toContain('2099-01-01');
    expect(reply.body.error.message).toContain('2025-04-01');
    nothingForwarded();
  });

  it('is checked per API: a Storage version is not a Resources version', async () => {
    const reply = await call(`/subscriptions/${SUB}/resourcegroups/rg1?api-version=2025-08-01`, { bearer });
    expectArmError(reply, 400, 'InvalidApiVersionParameter');
  });

  it.each([
    ['Resources', `/subscriptions/${SUB}/resourcegroups/rg1`, ['2016-09-01', '2021-04-01', '2025-04-01']],
    ['Features', `/subscriptions/${SUB}/providers/Microsoft.Features/features`, ['2015-12-01', '2021-07-01']],
    ['Storage', `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`, ['2016-01-01', '2016-12-01', '2025-08-01']],
  ])('accepts the %s versions of the SDKs and of the seed', async (_, path, versions) => {
    for (const version of versions) expect((await call(`${path}?api-version=${version}`, { bearer })).status).toBe(200);
  });

  it('is not asked of operator endpoints (not ARM)', async () => {
    const reply = await call('/operator/feature-registrations', { bearer: await gateway.token([], { operator: true }) });
    expect(reply.status).toBe(200);
  });
});

describe('request ids', () => {
  it('puts x-ms-request-id and x-ms-correlation-request-id on every answer, refusals and public endpoints included', async () => {
    const bearer = await gateway.token([SUB]);
    const replies = await Promise.all([
      call('/openapi.json'),
      call('/healthz'),
      call(RG_PATH),
      call(RG_PATH, { bearer }),
      call(`/subscriptions/${SUB}/nothing-here?api-version=2025-04-01`, { bearer }),
    ]);
    for (const reply of replies) {
      expect(reply.headers['x-ms-request-id']).toMatch(UUID);
      expect(reply.headers['x-ms-correlation-request-id']).toMatch(UUID);
    }
    expect(new Set(replies.map((reply) => reply.headers['x-ms-request-id'])).size).toBe(replies.length);
  });

  it("echoes the caller's correlation id and hands both ids, and the caller, to the service", async () => {
    const reply = await call(RG_PATH, { bearer: await gateway.token([SUB], { subject: 'alice' }), headers: { 'x-ms-correlation-request-id': 'corr-123' } });
    expect(reply.headers['x-ms-correlation-request-id']).toBe('corr-123');
    const [forwarded] = stubs['account-service'].requests;
    expect(forwarded.headers['x-ms-request-id']).toBe(reply.headers['x-ms-request-id']);
    expect(forwarded.headers['x-ms-correlation-request-id']).toBe('corr-123');
    expect(forwarded.headers['x-atrest-principal']).toBe('alice');
  });

  it("replaces the service's own ids with the gateway's", async () => {
    stubs['account-service'].handler = (_req, res) => {
      res.writeHead(200, { 'x-ms-request-id': 'service-made', 'content-type': 'application/json' });
      res.end('{}');
    };
    try {
      const reply = await call(RG_PATH, { bearer: await gateway.token([SUB]) });
      expect(reply.headers['x-ms-request-id']).toMatch(UUID);
    } finally {
      stubs['account-service'].handler = undefined;
    }
  });

  it('makes a new correlation id when the given one is not a sane id', async () => {
    const reply = await call('/openapi.json', { headers: { 'x-ms-correlation-request-id': 'x'.repeat(500) } });
    expect(reply.headers['x-ms-correlation-request-id']).toMatch(UUID);
  });
});

describe('public endpoints', () => {
  it('serves the OpenAPI document without a token', async () => {
    const reply = await call('/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ openapi: '3.1.0', servers: [{ url: gateway.url }] });
    expect(Object.keys(reply.body.paths)).toContain('/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}');
  });

  it('answers /healthz 200 when every service behind the gateway is ready, without a token', async () => {
    const reply = await call('/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ready');
    expect(Object.keys(reply.body.checks).sort()).toEqual(Object.keys(stubs).sort());
  });

  it('answers /healthz 503 naming the services that are not ready', async () => {
    stubs['blob-data-service'].ready = false;
    const reply = await call('/healthz');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ status: 'not ready', error: { code: 'ServiceUnavailable' } });
    expect(reply.body.error.message).toContain('blob-data-service');
    expect(reply.body.checks['account-service']).toEqual({ status: 'up' });
  });
});

describe('errors', () => {
  let bearer: string;
  beforeAll(async () => {
    bearer = await gateway.token([SUB]);
  });

  it('answers an unknown path with 404 NotFound', async () => {
    expectArmError(await call(`/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachines/vm1/extra?api-version=2025-04-01`, { bearer }), 404, 'NotFound');
    expectArmError(await call('/nothing', { bearer }), 404, 'NotFound');
    nothingForwarded();
  });

  it('answers a method the path does not take with 405 and Allow', async () => {
    const reply = await call(`/subscriptions/${SUB}/providers?api-version=2025-04-01`, { bearer, method: 'DELETE' });
    expectArmError(reply, 405, 'MethodNotAllowed');
    expect(reply.headers.allow).toBe('GET');
  });

  it('refuses dot segments and malformed escapes instead of letting a service see another path', async () => {
    expectArmError(await call(`/subscriptions/${SUB}/resourcegroups/rg1/%2e%2e/%2e%2e/providers?api-version=2025-04-01`, { bearer }), 400, 'InvalidRequestUri');
    expectArmError(await call(`/subscriptions/${SUB}/resourcegroups/%E0%A4%A?api-version=2025-04-01`, { bearer }), 400, 'InvalidRequestUri');
    nothingForwarded();
  });
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A token with the gateway's claims, any of them overridden, signed with `key` (default: the gateway's). */
function sign(claims: Record<string, unknown>, key: Uint8Array = gateway.trust.tokenKey): Promise<string> {
  return new SignJWT({ iss: 'atrest-dev-token-issuer', aud: 'https://management.azure.com/', sub: 'spec-user', exp: nowSeconds() + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(key);
}

function unsigned(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'atrest-dev-token-issuer', aud: 'https://management.azure.com/', sub: 'x', exp: nowSeconds() + 600, ...claims })}.`;
}
