import { randomBytes, randomUUID } from 'node:crypto';
import { callGateway, type HttpsReply, type RunningGateway, startGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { account, BLOB_DATA_SERVICE_SECRET, type KmsUnderTest, startKms } from '../apps/key-management-service/src/testing/kms.fixtures';

// Key management through the front door: the gateway over HTTPS with bearer
// tokens, in front of the real key-management-service (in-process, own
// database and topic prefix). The account's key ring comes from a
// StorageAccountCreated on atrest.accounts, as account-service will publish it.
// Customers see and rotate their ring; operators run the vault stand-in and
// read the audit; the internal data-key API is unreachable from outside. The
// key source is the account's (account-service publishes KeySourceChangeRequested;
// test/customer-managed-keys.int.spec.ts goes through it end to end).

const NAME = 'gatewaykeys';
const { subscriptionId: SUB } = account(NAME);
const VAULT_KEY = '/operator/keyvault/contosovault/keys/sse-key/versions/0a1b2c3d';
const KEY_VAULT_PROPERTIES = { keyname: 'sse-key', keyversion: '0a1b2c3d', keyvaulturi: 'https://contosovault.vault.azure.net' };
const DATA_KEYS = `/internal/accounts/${NAME}/data-keys`;

let kms: KmsUnderTest;
let gateway: RunningGateway;
let customer: string;
let operator: string;

beforeAll(async () => {
  kms = await startKms('key-management-gateway');
  gateway = await startGateway({
    KEY_MANAGEMENT_SERVICE_URL: kms.base,
    // Not behind these paths: never called here.
    ACCOUNT_SERVICE_URL: 'http://127.0.0.1:9',
    FEATURE_REGISTRATION_SERVICE_URL: 'http://127.0.0.1:9',
    BLOB_DATA_SERVICE_URL: 'http://127.0.0.1:9',
    REPLICATOR_SERVICE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  customer = await gateway.token([SUB]);
  operator = await gateway.token([], { operator: true });
  await kms.createAccount(NAME);
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await kms?.close();
});

const asCustomer = (method: string, suffix = '', body?: unknown) => callGateway(gateway, kms.encryptionKeysPath(NAME, suffix), { method, bearer: customer, body });
const asOperator = (method: string, path: string, body?: unknown) => callGateway(gateway, path, { method, bearer: operator, body });
const armError = (reply: HttpsReply) => ({ status: reply.status, code: reply.body?.error?.code });
const audit = async () => (await asOperator('GET', `/operator/key-audit?account=${NAME}`)).body.value;

describe('an account key ring, through the gateway', () => {
  it('GET encryptionKeys: the ring made from StorageAccountCreated, one version, no key material', async () => {
    const reply = await asCustomer('GET');
    expect(reply.status).toBe(200);
    expect(reply.headers['x-ms-request-id']).toBeTruthy();
    expect(reply.body).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-kms/providers/Microsoft.Storage/storageAccounts/${NAME}/encryptionKeys`,
      name: 'encryptionKeys',
      type: 'Microsoft.Storage/storageAccounts/encryptionKeys',
      properties: { keySource: 'Microsoft.Storage', keyState: 'Enabled', currentVersion: 1, versions: [{ version: 1, creationTime: expect.any(String) }] },
    });
  });

  it('POST rotate: a new current version, and GET says so', async () => {
    const rotated = await asCustomer('POST', '/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.properties.currentVersion).toBe(2);
    const read = await asCustomer('GET');
    expect(read.body.properties).toMatchObject({ currentVersion: 2, versions: [{ version: 1 }, { version: 2 }] });
  });

  it("answers another subscription's token 403 and a call without api-version 400 before reaching the service", async () => {
    const foreign = await callGateway(gateway, kms.encryptionKeysPath(NAME), { bearer: await gateway.token([randomUUID()]) });
    expect(armError(foreign)).toEqual({ status: 403, code: 'AuthorizationFailed' });
    const unversioned = await callGateway(gateway, kms.encryptionKeysPath(NAME).split('?')[0], { bearer: customer });
    expect(armError(unversioned)).toEqual({ status: 400, code: 'MissingApiVersionParameter' });
  });

  it('an account under another resource group is not found (the service checks the whole path)', async () => {
    const path = kms.encryptionKeysPath(NAME).replace('/rg-kms/', '/other-rg/');
    expect(armError(await callGateway(gateway, path, { bearer: customer }))).toEqual({ status: 404, code: 'ResourceNotFound' });
  });
});

describe('operators: key audit', () => {
  it('shows the data keys blob-data-service took, with the rotated version; customers get 403', async () => {
    // blob-data-service calls key-management-service directly, on the internal network.
    const issued = await kms.call<{ keyId: string; kekVersion: number }>('POST', DATA_KEYS, undefined, BLOB_DATA_SERVICE_SECRET);
    expect(issued).toMatchObject({ status: 200, body: { kekVersion: 2 } });

    expect(await audit()).toEqual([
      expect.objectContaining({ client: 'blob-data-service', operation: 'generate', account: NAME, kekVersion: 2, keyId: issued.body.keyId, outcome: 'allowed' }),
    ]);
    const refused = await callGateway(gateway, `/operator/key-audit?account=${NAME}`, { bearer: customer });
    expect(armError(refused)).toEqual({ status: 403, code: 'AuthorizationFailed' });
  });
});

describe('the internal data-key API is not reachable through the gateway', () => {
  it.each([
    ['a customer token', () => customer],
    ['an operator token', () => operator],
  ])('404 NotFound with %s', async (_, bearer) => {
    for (const path of [DATA_KEYS, `${DATA_KEYS}/unwrap`, `${DATA_KEYS}/rewrap`]) {
      const reply = await callGateway(gateway, path, { method: 'POST', bearer: bearer(), body: {} });
      expect({ path, ...armError(reply) }).toEqual({ path, status: 404, code: 'NotFound' });
    }
  });

  it("refuses the service's own secret as a token (401) and paths climbing out of a routed prefix (400)", async () => {
    const withSecret = await callGateway(gateway, DATA_KEYS, { method: 'POST', bearer: BLOB_DATA_SERVICE_SECRET });
    expect(armError(withSecret)).toEqual({ status: 401, code: 'InvalidAuthenticationToken' });
    const climbing = await callGateway(gateway, `/operator/keyvault/..%2F..%2Finternal/accounts/${NAME}/data-keys`, { method: 'POST', bearer: operator });
    expect(armError(climbing)).toEqual({ status: 400, code: 'InvalidRequestUri' });
  });

  it('so the audit still holds only the one direct call', async () => {
    expect(await audit()).toHaveLength(1);
  });
});

describe('customer-managed key, through the gateway', () => {
  it('operator imports a key into the vault stand-in; a customer token may not', async () => {
    const key = randomBytes(32).toString('base64');
    expect(armError(await callGateway(gateway, VAULT_KEY, { method: 'PUT', bearer: customer, body: { key } }))).toEqual({
      status: 403,
      code: 'AuthorizationFailed',
    });
    const imported = await asOperator('PUT', VAULT_KEY, { key });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ kid: 'https://contosovault.vault.azure.net/keys/sse-key/0a1b2c3d', status: 'active' });
    expect(imported.text).not.toContain(key);
  });

  it('keySource Microsoft.Keyvault, asked by the account (KeySourceChangeRequested): GET encryptionKeys shows it', async () => {
    // account-service is the only door for the key source (PATCH properties.encryption); here its event is published directly.
    const answer = await kms.changeKeySource(NAME, { keyName: 'sse-key', keyVersion: '0a1b2c3d', keyVaultUri: 'https://contosovault.vault.azure.net' });
    expect(answer.type).toBe('CustomerManagedKeyConfigured');
    const configured = await asCustomer('GET');
    expect(configured.status).toBe(200);
    expect(configured.body.properties).toMatchObject({ keySource: 'Microsoft.Keyvault', keyvaultproperties: KEY_VAULT_PROPERTIES, currentVersion: 2 });
  });

  it('operator revokes the key: the ring says Revoked and rotation is refused; restore undoes it', async () => {
    expect(await asOperator('POST', `${VAULT_KEY}/revoke`)).toMatchObject({ status: 200, body: { status: 'revoked', accounts: [NAME] } });
    expect((await asCustomer('GET')).body.properties.keyState).toBe('Revoked');
    expect(armError(await asCustomer('POST', '/rotate'))).toEqual({ status: 403, code: 'KeyVaultEncryptionKeyNotFound' });

    expect(await asOperator('POST', `${VAULT_KEY}/restore`)).toMatchObject({ status: 200, body: { status: 'active', accounts: [NAME] } });
    expect((await asCustomer('GET')).body.properties.keyState).toBe('Enabled');
  });

  it('back to Microsoft.Storage, asked by the account', async () => {
    expect((await kms.changeKeySource(NAME)).type).toBe('CustomerManagedKeyRemoved');
    const removed = await asCustomer('GET');
    expect(removed.body.properties).toMatchObject({ keySource: 'Microsoft.Storage', keyState: 'Enabled' });
    expect(removed.body.properties).not.toHaveProperty('keyvaultproperties');
  });
});
