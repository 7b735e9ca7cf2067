import { randomBytes } from 'node:crypto';
import { Topics } from '@atrest/contracts';
import { KafkaProbe } from '@atrest/testing';
import { BLOB_DATA_SERVICE_SECRET, startKms, type HttpResult, type KmsUnderTest } from '../../../testing/kms.fixtures';

interface DataKey {
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

const VAULT_KEY = '/operator/keyvault/contosovault/keys/sse-key/versions/0a1b2c3d';
const KEY_VAULT_PROPERTIES = { keyname: 'sse-key', keyversion: '0a1b2c3d', keyvaulturi: 'https://contosovault.vault.azure.net' };
// The same key as account-service's KeySourceChangeRequested names it.
const CUSTOMER_KEY = { keyName: 'sse-key', keyVersion: '0a1b2c3d', keyVaultUri: 'https://contosovault.vault.azure.net' };

describe('customer-managed keys and revocation (in-process service, real Postgres and Kafka)', () => {
  let kms: KmsUnderTest;
  const customerKey = randomBytes(32).toString('base64');
  const issued: DataKey[] = [];

  const generate = async (accountName: string): Promise<HttpResult<DataKey>> => {
    const result = await kms.call<DataKey>('POST', `/internal/accounts/${accountName}/data-keys`, undefined, BLOB_DATA_SERVICE_SECRET);
    if (result.status === 200) issued.push(result.body);
    return result;
  };
  const unwrap = (accountName: string, key: DataKey) =>
    kms.call('POST', `/internal/accounts/${accountName}/data-keys/unwrap`, { wrappedKey: key.wrappedKey, kekVersion: key.kekVersion }, BLOB_DATA_SERVICE_SECRET);
  const rewrap = (accountName: string, key: DataKey) =>
    kms.call('POST', `/internal/accounts/${accountName}/data-keys/rewrap`, { wrappedKey: key.wrappedKey, kekVersion: key.kekVersion }, BLOB_DATA_SERVICE_SECRET);
  const revoked = { status: 403, body: { error: { code: 'KeyVaultEncryptionKeyNotFound', message: expect.stringContaining('contosovault') } } };

  beforeAll(async () => {
    kms = await startKms('kms-revocation');
    await Promise.all([kms.createAccount('cmkacct'), kms.createAccount('otheracct')]);
  });
  afterAll(() => kms.close());

  let before: DataKey;
  let during: DataKey;

  it('imports a customer key into the vault stand-in: versions are immutable, material never echoed', async () => {
    const imported = await kms.call('PUT', VAULT_KEY, { key: customerKey });
    expect(imported).toEqual({
      status: 201,
      body: {
        kid: 'https://contosovault.vault.azure.net/keys/sse-key/0a1b2c3d',
        vaultName: 'contosovault',
        keyName: 'sse-key',
        keyVersion: '0a1b2c3d',
        status: 'active',
        importedAt: expect.any(String),
        statusChangedAt: expect.any(String),
      },
    });
    expect((await kms.call('PUT', VAULT_KEY, { key: customerKey })).status).toBe(200);
    expect(await kms.call('PUT', VAULT_KEY, { key: randomBytes(32).toString('base64') })).toMatchObject({
      status: 409,
      body: { error: { code: 'KeyVersionAlreadyExists' } },
    });
    expect(await kms.call('PUT', VAULT_KEY, { key: randomBytes(16).toString('base64') })).toMatchObject({
      status: 400,
      body: { error: { code: 'InvalidRequestContent', message: expect.stringContaining('exactly 32 bytes') } },
    });
  });

  it('switches the account to keySource Microsoft.Keyvault: KEKs re-wrapped, existing data keys unchanged and still readable', async () => {
    before = (await generate('cmkacct')).body;

    // The account asks (KeySourceChangeRequested on atrest.accounts); the ring answers on atrest.keys, naming the request.
    const unknownKey = await kms.changeKeySource('cmkacct', { ...CUSTOMER_KEY, keyVersion: 'ffff' });
    expect(unknownKey).toMatchObject({
      type: 'KeySourceChangeRejected',
      data: { accountStreamVersion: 2, keySource: 'Microsoft.Keyvault', code: 'KeyVaultEncryptionKeyNotFound', message: expect.stringContaining('/keys/sse-key/ffff') },
    });
    expect((await kms.call('GET', kms.encryptionKeysPath('cmkacct'))).body.properties).toMatchObject({ keySource: 'Microsoft.Storage' });

    expect(await kms.changeKeySource('cmkacct', CUSTOMER_KEY)).toMatchObject({
      type: 'CustomerManagedKeyConfigured',
      data: { accountStreamVersion: 3, keyVaultProperties: CUSTOMER_KEY, rewrappedKekVersions: [1] },
    });
    const configured = await kms.call('GET', kms.encryptionKeysPath('cmkacct'));
    expect(configured.body.properties).toEqual({
      keySource: 'Microsoft.Keyvault',
      keyvaultproperties: KEY_VAULT_PROPERTIES,
      keyState: 'Enabled',
      currentVersion: 1,
      versions: [{ version: 1, creationTime: expect.any(String) }],
    });
    // Asking again for what the ring already has is answered too (nothing re-wrapped).
    expect(await kms.changeKeySource('cmkacct', { ...CUSTOMER_KEY, keyName: 'SSE-KEY' })).toMatchObject({ type: 'KeySourceUnchanged', data: { accountStreamVersion: 4 } });

    expect(await unwrap('cmkacct', before)).toEqual({ status: 200, body: { dataKey: before.dataKey, keyId: before.keyId } });
    during = (await generate('cmkacct')).body;
    expect(during.kekVersion).toBe(1);
  });

  it('revoke: every generate, unwrap, rewrap and rotate of that account fails at once with 403 KeyVaultEncryptionKeyNotFound', async () => {
    const revoke = await kms.call('POST', `${VAULT_KEY}/revoke`);
    expect(revoke).toMatchObject({ status: 200, body: { status: 'revoked', accounts: ['cmkacct'] } });

    // No waiting: the very next calls are refused.
    expect(await generate('cmkacct')).toMatchObject(revoked);
    expect(await unwrap('cmkacct', before)).toMatchObject(revoked);
    expect(await unwrap('cmkacct', during)).toMatchObject(revoked);
    expect(await rewrap('cmkacct', before)).toMatchObject(revoked);
    expect(await kms.call('POST', kms.encryptionKeysPath('cmkacct', '/rotate'))).toMatchObject(revoked);
    expect(await kms.changeKeySource('cmkacct')).toMatchObject({ type: 'KeySourceChangeRejected', data: { code: 'KeyVaultEncryptionKeyNotFound' } });
    expect((await kms.call('GET', kms.encryptionKeysPath('cmkacct'))).body.properties).toMatchObject({ keyState: 'Revoked' });

    // Another account (Microsoft-managed) is untouched; revoking twice changes nothing.
    expect((await generate('otheracct')).status).toBe(200);
    expect(await kms.call('POST', `${VAULT_KEY}/revoke`)).toMatchObject({ status: 200, body: { status: 'revoked' } });

    const audit = await kms.call<{ value: Array<{ operation: string; outcome: string; reason: string | null }> }>(
      'GET',
      '/operator/key-audit?account=cmkacct&limit=1000',
    );
    const denied = audit.body.value.filter((entry) => entry.outcome === 'denied');
    expect(denied.map((entry) => `${entry.operation}:${entry.reason}`)).toEqual([
      'generate:KeyVaultEncryptionKeyNotFound',
      'unwrap:KeyVaultEncryptionKeyNotFound',
      'unwrap:KeyVaultEncryptionKeyNotFound',
      'rewrap:KeyVaultEncryptionKeyNotFound',
    ]);
  });

  it('restore: access is back and every data key opens to the same bytes', async () => {
    expect(await kms.call('POST', `${VAULT_KEY}/restore`)).toMatchObject({ status: 200, body: { status: 'active', accounts: ['cmkacct'] } });
    expect((await kms.call('GET', kms.encryptionKeysPath('cmkacct'))).body.properties).toMatchObject({ keyState: 'Enabled' });
    for (const key of [before, during]) expect((await unwrap('cmkacct', key)).body).toEqual({ dataKey: key.dataKey, keyId: key.keyId });
    expect((await generate('cmkacct')).status).toBe(200);
  });

  it('switches back to Microsoft-managed keys, data keys still readable', async () => {
    expect(await kms.changeKeySource('cmkacct')).toMatchObject({ type: 'CustomerManagedKeyRemoved', data: { rewrappedKekVersions: [1] } });
    const removed = await kms.call('GET', kms.encryptionKeysPath('cmkacct'));
    expect(removed.body.properties).toMatchObject({ keySource: 'Microsoft.Storage', keyState: 'Enabled' });
    expect(removed.body.properties).not.toHaveProperty('keyvaultproperties');
    // The customer key no longer protects the account: revoking it does not lock the account.
    expect(await kms.call('POST', `${VAULT_KEY}/revoke`)).toMatchObject({ status: 200, body: { accounts: [] } });
    for (const key of [before, during]) expect((await unwrap('cmkacct', key)).body).toEqual({ dataKey: key.dataKey, keyId: key.keyId });
  });

  it('publishes the key-ring events on atrest.keys, none carrying any key material', async () => {
    const expected = [
      'KeyRingCreated',
      'KeyRingCreated',
      'KeySourceChangeRejected',
      'CustomerManagedKeyConfigured',
      'KeySourceUnchanged',
      'KeyRevoked',
      'KeySourceChangeRejected',
      'KeyRestored',
      'CustomerManagedKeyRemoved',
    ];
    const messages = await new KafkaProbe(kms.ctx.kafkaBrokers).readAll(`${kms.ctx.topicPrefix}${Topics.keys}`, { atLeast: expected.length });
    const payloads = messages.map((m) => m.value!.toString());
    expect(payloads.map((p) => JSON.parse(p).type).sort()).toEqual([...expected].sort());
    expect(JSON.parse(payloads.find((p) => p.includes('"KeyRevoked"'))!).data).toEqual({
      subscriptionId: 'sub-kms',
      resourceGroup: 'rg-kms',
      accountName: 'cmkacct',
      keyVaultProperties: { keyVaultUri: KEY_VAULT_PROPERTIES.keyvaulturi, keyName: 'sse-key', keyVersion: '0a1b2c3d' },
      revokedAt: expect.any(String),
    });

    const secrets = [kms.rootKey, customerKey, ...issued.flatMap((key) => [key.dataKey, key.wrappedKey])];
    const forms = secrets.flatMap((b64) => {
      const bytes = Buffer.from(b64, 'base64');
      return [b64, bytes.toString('hex'), bytes.toString('base64url'), bytes.toString('latin1')];
    });
    expect(issued.length).toBeGreaterThanOrEqual(4);
    for (const payload of payloads) for (const form of forms) expect(payload.includes(form)).toBe(false);
  });
});
