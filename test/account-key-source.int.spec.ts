import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics } from '@atrest/contracts';
import { EventStore } from '@atrest/event-store';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { evolve, initialState, storageAccountStreamId } from '../apps/account-service/src/storage-accounts/domain/storage-account';
import { toArmStorageAccount } from '../apps/account-service/src/storage-accounts/storage-account.arm';
import { accountPath, armClient, groupPath, startAccountService, type RunningService } from '../apps/account-service/src/testing/service-harness';
import { startKms, type KmsUnderTest } from '../apps/key-management-service/src/testing/kms.fixtures';

// The key-source handshake between account-service and key-management-service
// (docs/architecture.md, consistency contract): both in-process on one topic
// prefix, real Postgres and Kafka, ARM calls straight to account-service as
// the gateway forwards them. PATCH keySource Microsoft.Keyvault -> the
// account's KeySourceChangeRequested -> the key ring re-wrapped (or the
// refusal) on atrest.keys -> KeySourceChangeCompleted on the account -> the answer.

const SUB = 'sub-key-source';
const RG = 'cmk-rg';
const API = '?api-version=2017-06-01';
const VAULT_KEY = '/operator/keyvault/acctvault/keys/sse-key/versions/0a1b2c3d';
const KEY = { keyname: 'sse-key', keyversion: '0a1b2c3d', keyvaulturi: 'https://acctvault.vault.azure.net' };
const keyvault = (keyvaultproperties: Record<string, unknown> = KEY) => ({ properties: { encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties } } });
const microsoftKeys = { properties: { encryption: { keySource: 'Microsoft.Storage' } } };

describe('customer-managed keys on the account (account-service and key-management-service in-process)', () => {
  let ctx: TestContext;
  let accounts: RunningService;
  let kms: KmsUnderTest;
  let store: EventStore;
  const arm = () => armClient(accounts.url);
  const customerKey = randomBytes(32).toString('base64');
  const path = (name: string) => `${accountPath(SUB, RG, name)}${API}`;
  const streamOf = (name: string) => store.readStream(storageAccountStreamId(name));
  const ring = async (name: string) =>
    (await kms.call<{ properties: Record<string, unknown> }>('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}/encryptionKeys${API}`)).body
      .properties;
  const newAccount = async (name: string) => {
    expect((await arm().put(path(name), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' })).status).toBe(200);
    await waitFor(async () => (await ring(name))?.keySource === 'Microsoft.Storage', { what: `the key ring of ${name}`, timeoutMs: 30_000 });
  };

  beforeAll(async () => {
    ctx = await createTestContext('account-key-source');
    kms = await startKms('account-key-source', { ctx });
    accounts = await startAccountService(ctx, { ENCRYPTION_ACK_TIMEOUT_MS: '30000' });
    store = new EventStore(accounts.db);
    await arm().put(groupPath(SUB, RG), { location: 'eastus' });
    await newAccount('cmkaccount');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([accounts?.close(), kms?.close()]);
    await ctx?.dispose();
  });

  it.each([
    ['keySource Microsoft.Keyvault without keyvaultproperties', { properties: { encryption: { keySource: 'Microsoft.Keyvault' } } }, 'MissingKeyvaultProperties', 'keyvaultproperties'],
    ['no keyversion', keyvault({ keyname: 'sse-key', keyvaulturi: KEY.keyvaulturi }), 'MissingKeyvaultProperties', 'encryption.keyvaultproperties.keyversion'],
    ['a vault URI of another host', keyvault({ ...KEY, keyvaulturi: 'https://acctvault.example.com' }), 'InvalidRequestPropertyValue', 'https://<vault name>.vault.azure.net'],
    ['an unknown key source', { properties: { encryption: { keySource: 'Microsoft.Nope' } } }, 'InvalidRequestPropertyValue', 'Microsoft.Keyvault'],
    ['keyvaultproperties with Microsoft.Storage', { properties: { encryption: { keySource: 'Microsoft.Storage', keyvaultproperties: KEY } } }, 'InvalidRequestPropertyValue', 'only'],
  ])('refuses %s: 400 with its code, nothing written', async (_what, body, code, hint) => {
    const before = (await streamOf('cmkaccount')).length;
    const answer = await arm().patch(path('cmkaccount'), body);
    expect(answer).toMatchObject({ status: 400, body: { error: { code, message: expect.stringContaining(hint) } } });
    expect((await streamOf('cmkaccount')).length).toBe(before);
  });

  it('keeps the old refusal before api-version 2017-06-01', async () => {
    const old = await arm().patch(`${accountPath(SUB, RG, 'cmkaccount')}?api-version=2016-12-01`, keyvault());
    expect(old).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestPropertyValue', message: expect.stringContaining('2017-06-01 or later') } } });
  });

  it('a key never imported: 400 KeyVaultEncryptionKeyNotFound from the key service, key source unchanged', async () => {
    const answer = await arm().patch(path('cmkaccount'), keyvault());
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'KeyVaultEncryptionKeyNotFound', message: expect.stringContaining('acctvault') } } });
    const read = await arm().get(path('cmkaccount'));
    expect(read.body.properties).toMatchObject({ provisioningState: 'Succeeded', encryption: { keySource: 'Microsoft.Storage' } });
    expect(read.body.properties.encryption).not.toHaveProperty('keyvaultproperties');
    expect(await ring('cmkaccount')).toMatchObject({ keySource: 'Microsoft.Storage' });
    expect((await streamOf('cmkaccount')).slice(-2).map((e) => [e.type, (e.data as { outcome?: string }).outcome])).toEqual([
      ['KeySourceChangeRequested', undefined],
      ['KeySourceChangeCompleted', 'Rejected'],
    ]);
  });

  it('an imported key: 200 Succeeded with keySource Microsoft.Keyvault and keyvaultproperties; the ring is re-wrapped', async () => {
    expect((await kms.call('PUT', VAULT_KEY, { key: customerKey })).status).toBe(201);
    const answer = await arm().patch(path('cmkaccount'), { properties: { encryption: { keySource: 'microsoft.keyvault', keyvaultproperties: KEY } } });
    expect(answer.status).toBe(200);
    expect(answer.body.properties.provisioningState).toBe('Succeeded');
    expect(answer.body.properties.encryption).toEqual({
      services: { blob: { enabled: false } },
      keySource: 'Microsoft.Keyvault',
      keyvaultproperties: {
        ...KEY,
        currentVersionedKeyIdentifier: 'https://acctvault.vault.azure.net/keys/sse-key/0a1b2c3d',
        lastKeyRotationTimestamp: expect.any(String),
      },
    });
    expect(await ring('cmkaccount')).toMatchObject({ keySource: 'Microsoft.Keyvault', keyvaultproperties: KEY });
    expect((await arm().get(path('cmkaccount'))).body).toEqual(answer.body);
  });

  it('the same key again changes nothing (no request, no wait)', async () => {
    const before = (await streamOf('cmkaccount')).length;
    const again = await arm().patch(path('cmkaccount'), keyvault({ ...KEY, keyname: 'SSE-KEY', keyvaulturi: `${KEY.keyvaulturi}/` }));
    expect(again.status).toBe(200);
    expect(again.body.properties.encryption.keyvaultproperties.keyname).toBe('sse-key');
    expect((await streamOf('cmkaccount')).length).toBe(before);
  });

  it("rebuilt from the account's stream, the state is what GET shows", async () => {
    const rebuilt = (await streamOf('cmkaccount')).reduce(evolve, initialState());
    const answer = await arm().get(path('cmkaccount'));
    expect(toArmStorageAccount(rebuilt!, { provisioningState: 'Succeeded', blobEndpointBase: 'http://127.0.0.1:10000' })).toEqual(answer.body);
  });

  it('keySource Microsoft.Storage switches back: keys re-wrapped by the root key', async () => {
    const back = await arm().patch(path('cmkaccount'), microsoftKeys);
    expect(back.status).toBe(200);
    expect(back.body.properties).toMatchObject({ provisioningState: 'Succeeded', encryption: { keySource: 'Microsoft.Storage' } });
    expect(back.body.properties.encryption).not.toHaveProperty('keyvaultproperties');
    expect(await ring('cmkaccount')).toMatchObject({ keySource: 'Microsoft.Storage' });
  });

  it('a revoked key is refused with 400 too, and a PUT creating an account can name the key', async () => {
    expect((await kms.call('POST', `${VAULT_KEY}/revoke`)).status).toBe(200);
    expect(await arm().patch(path('cmkaccount'), keyvault())).toMatchObject({ status: 400, body: { error: { code: 'KeyVaultEncryptionKeyNotFound' } } });
    expect((await kms.call('POST', `${VAULT_KEY}/restore`)).status).toBe(200);

    const created = await arm().put(path('cmkcreated'), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus', ...keyvault() });
    expect(created.status).toBe(200);
    expect(created.body.properties).toMatchObject({ provisioningState: 'Succeeded', encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: KEY } });
    expect(await ring('cmkcreated')).toMatchObject({ keySource: 'Microsoft.Keyvault' });
  });

  it('carries no key material on Kafka: the requests and answers name the key only', async () => {
    const probe = new KafkaProbe(ctx.kafkaBrokers);
    const stored = async (db: { query: (sql: string) => Promise<Array<{ n: number }>> }) => (await db.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const payloads = [
      ...(await probe.readAll(`${ctx.topicPrefix}${Topics.accounts}`, { atLeast: await stored(accounts.db) })),
      ...(await probe.readAll(`${ctx.topicPrefix}${Topics.keys}`, { atLeast: await stored(kms.app.get(DataSource)) })),
    ].map((m) => m.value!.toString());
    const types = payloads.map((p) => JSON.parse(p).type as string);
    expect(types).toEqual(expect.arrayContaining(['KeySourceChangeRequested', 'KeySourceChangeCompleted', 'KeySourceChangeRejected', 'CustomerManagedKeyConfigured', 'CustomerManagedKeyRemoved']));
    const bytes = Buffer.from(customerKey, 'base64');
    for (const form of [customerKey, bytes.toString('hex'), bytes.toString('base64url'), kms.rootKey])
      expect(payloads.filter((p) => p.includes(form))).toEqual([]);
  });
});

describe('a key-source change while the key service is down (account-service alone, then key-management-service joins)', () => {
  let ctx: TestContext;
  let accounts: RunningService;
  let kms: KmsUnderTest | undefined;

  beforeAll(async () => {
    ctx = await createTestContext('account-key-source-timeout');
    accounts = await startAccountService(ctx, { ENCRYPTION_ACK_TIMEOUT_MS: '500' });
  });
  afterAll(async () => {
    await Promise.all([accounts?.close(), kms?.close()]);
    await ctx?.dispose();
  });

  it('answers 200 Updating, refuses another change meanwhile (409), and GET settles once the key service answered', async () => {
    const arm = armClient(accounts.url);
    await arm.put(groupPath(SUB, RG), { location: 'eastus' });
    const at = `${accountPath(SUB, RG, 'slowkeys')}${API}`;
    await arm.put(at, { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' });

    const answer = await arm.patch(at, keyvault());
    expect(answer.status).toBe(200);
    expect(answer.body.properties).toMatchObject({ provisioningState: 'Updating', encryption: { keySource: 'Microsoft.Storage' } });
    expect(await arm.patch(at, microsoftKeys)).toMatchObject({ status: 409, body: { error: { code: 'AnotherOperationInProgress' } } });
    expect((await arm.patch(at, { tags: { team: 'keys' } })).body.properties.provisioningState).toBe('Updating');

    // The key service starts with an empty vault: it refuses the request it finds waiting, and the account records that.
    kms = await startKms('account-key-source-timeout', { ctx });
    const settled = await waitFor(
      async () => {
        const read = await arm.get(at);
        return read.body.properties.provisioningState === 'Succeeded' && read.body;
      },
      { what: 'provisioningState Succeeded once the key service answered', timeoutMs: 30_000 },
    );
    expect(settled).toMatchObject({ tags: { team: 'keys' }, properties: { encryption: { keySource: 'Microsoft.Storage' } } });
  });
});
