import { Topics } from '@atrest/contracts';
import { EventStore } from '@atrest/event-store';
import { createTestContext, KafkaProbe, type TestContext } from '@atrest/testing';
import { accountPath, armClient, groupPath, startAccountService, type RunningService } from '../testing/service-harness';
import { evolve, initialState, storageAccountStreamId } from './domain/storage-account';
import { toArmStorageAccount } from './storage-account.arm';

const sub = 'sub-accounts-spec';
const other = 'sub-other-spec';
const create = (over: Record<string, unknown> = {}) => ({ sku: { name: 'Standard_RAGRS' }, kind: 'StorageV2', location: 'East US', ...over });

describe('storage accounts over ARM (account-service in-process, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let service: RunningService;
  let arm: ReturnType<typeof armClient>;
  let store: EventStore;
  const streamOf = (name: string) => store.readStream(storageAccountStreamId(name));

  beforeAll(async () => {
    ctx = await createTestContext('storage-accounts');
    service = await startAccountService(ctx, { BLOB_ENDPOINT_BASE: 'http://127.0.0.1:10000/' });
    arm = armClient(service.url);
    store = new EventStore(service.db);
    await arm.put(groupPath(sub, 'Data-RG'), { location: 'eastus' });
    await arm.put(groupPath(sub, 'other-rg'), { location: 'westus' });
    await arm.put(groupPath(other, 'rg'), { location: 'eastus' });
  });
  afterAll(async () => {
    await service?.close();
    await ctx.dispose();
  });

  it('creates an account (200, Succeeded) in the ARM shape @azure/arm-storage reads, encryption off', async () => {
    const created = await arm.put(accountPath(sub, 'data-rg', 'shapeacct'), create({ tags: { team: 'a' }, properties: { somethingNew: true } }));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: `/subscriptions/${sub}/resourceGroups/Data-RG/providers/Microsoft.Storage/storageAccounts/shapeacct`,
      name: 'shapeacct',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'eastus',
      tags: { team: 'a' },
      sku: { name: 'Standard_RAGRS', tier: 'Standard' },
      kind: 'StorageV2',
      properties: {
        provisioningState: 'Succeeded',
        creationTime: expect.any(String),
        primaryEndpoints: { blob: 'http://127.0.0.1:10000/shapeacct/' },
        primaryLocation: 'eastus',
        statusOfPrimary: 'available',
        secondaryLocation: 'westus',
        statusOfSecondary: 'available',
        supportsHttpsTrafficOnly: false,
        secondaryEndpoints: { blob: 'http://127.0.0.1:10000/shapeacct-secondary/' },
        accessTier: 'Hot',
        encryption: { services: { blob: { enabled: false } }, keySource: 'Microsoft.Storage' },
      },
    });
    expect((await arm.get(accountPath(sub, 'Data-RG', 'shapeacct'))).body).toEqual(created.body);
    expect((await arm.get(`${accountPath(sub, 'data-rg', 'shapeacct')}?$expand=geoReplicationStats`)).body.properties.geoReplicationStats).toEqual({
      status: 'Unavailable',
      canFailover: false,
    });
  });

  it('lists by subscription and by resource group, and shows GRS without a secondary endpoint, LRS without a secondary', async () => {
    await arm.put(accountPath(sub, 'other-rg', 'grsacct'), create({ sku: { name: 'Standard_GRS' }, location: 'westus' }));
    await arm.put(accountPath(sub, 'other-rg', 'lrsacct'), create({ sku: { name: 'Premium_LRS' }, kind: 'Storage', location: 'westus' }));
    const inGroup = await arm.get(`/subscriptions/${sub}/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts`);
    expect(inGroup.body.value.map((a: { name: string }) => a.name)).toEqual(['grsacct', 'lrsacct']);
    const [grs, lrs] = inGroup.body.value;
    expect(grs.properties).toMatchObject({ secondaryLocation: 'eastus', statusOfSecondary: 'available' });
    expect(grs.properties.secondaryEndpoints).toBeUndefined();
    expect(lrs.properties.secondaryLocation).toBeUndefined();
    expect(lrs).toMatchObject({ sku: { name: 'Premium_LRS', tier: 'Premium' }, kind: 'Storage' });
    expect(lrs.properties.accessTier).toBeUndefined();

    const inSubscription = await arm.get(`/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts`);
    expect(inSubscription.body.value.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['shapeacct', 'grsacct', 'lrsacct']));
    expect((await arm.get(`/subscriptions/${other}/providers/Microsoft.Storage/storageAccounts`)).body).toEqual({ value: [] });
    expect(await arm.get(`/subscriptions/${sub}/resourceGroups/nogroup/providers/Microsoft.Storage/storageAccounts`)).toMatchObject({
      status: 404,
      body: { error: { code: 'ResourceGroupNotFound' } },
    });
  });

  it.each([
    ['an invalid name', 'Bad_Name', create(), 400, 'AccountNameInvalid'],
    ['a wrong sku', 'badsku', create({ sku: { name: 'Standard_XYZ' } }), 400, 'InvalidValuesForRequestParameters'],
    ['a wrong kind', 'badkind', create({ kind: 'FileStorage' }), 400, 'InvalidValuesForRequestParameters'],
    ['a wrong location', 'badlocation', create({ location: 'atlantis' }), 400, 'LocationNotAvailableForResourceType'],
    ['a body of the wrong shape', 'badshape', create({ sku: 'Standard_LRS' }), 400, 'InvalidRequestContent'],
    ['a minimum TLS version Azure does not offer', 'badtls', create({ properties: { minimumTlsVersion: 'TLS1_3' } }), 400, 'InvalidRequestPropertyValue'],
  ])('refuses %s with a clear ARM error, and writes nothing', async (_what, name, body, status, code) => {
    const answer = await arm.put(accountPath(sub, 'data-rg', name), body);
    expect(answer).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await streamOf(name)).toEqual([]);
    expect((await arm.post(`/subscriptions/${sub}/providers/Microsoft.Storage/checkNameAvailability`, { name })).body.reason).not.toBe('AlreadyExists');
  });

  it('keeps supportsHttpsTrafficOnly and minimumTlsVersion as asked, and answers them', async () => {
    const path = accountPath(sub, 'data-rg', 'tlsacct');
    const created = await arm.put(path, create({ properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'tls1_2' } }));
    expect([created.status, created.body.properties.supportsHttpsTrafficOnly, created.body.properties.minimumTlsVersion]).toEqual([200, true, 'TLS1_2']);
    const patched = await arm.patch(path, { properties: { supportsHttpsTrafficOnly: false } });
    expect([patched.body.properties.supportsHttpsTrafficOnly, patched.body.properties.minimumTlsVersion]).toEqual([false, 'TLS1_2']);
    expect((await arm.get(path)).body.properties).toMatchObject({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_2' });
  });

  it('refuses a missing resource group and malformed JSON, writing nothing', async () => {
    expect(await arm.put(accountPath(sub, 'no-such-rg', 'orphan'), create())).toMatchObject({ status: 404, body: { error: { code: 'ResourceGroupNotFound' } } });
    expect(await arm.raw('PUT', accountPath(sub, 'data-rg', 'brokenjson'), '{"sku": {')).toMatchObject({ status: 400, body: { error: { message: expect.any(String) } } });
    expect(await streamOf('orphan')).toEqual([]);
    expect(await streamOf('brokenjson')).toEqual([]);
  });

  it('keeps names global: another subscription or group cannot take one, checkNameAvailability says why', async () => {
    await arm.put(accountPath(sub, 'data-rg', 'globalname'), create());
    expect(await arm.put(accountPath(other, 'rg', 'globalname'), create())).toMatchObject({ status: 409, body: { error: { code: 'StorageAccountAlreadyTaken' } } });
    expect(await arm.put(accountPath(sub, 'other-rg', 'globalname'), create())).toMatchObject({
      status: 409,
      body: { error: { code: 'StorageAccountInAnotherResourceGroup' } },
    });
    const check = (name: string) =>
      arm.post(`/subscriptions/${other}/providers/Microsoft.Storage/checkNameAvailability`, { name, type: 'Microsoft.Storage/storageAccounts' });
    expect((await check('globalname')).body).toEqual({ nameAvailable: false, reason: 'AlreadyExists', message: 'The storage account named globalname is already taken.' });
    expect((await check('No-Good')).body).toMatchObject({ nameAvailable: false, reason: 'AccountNameInvalid' });
    expect((await check('freename')).body).toEqual({ nameAvailable: true });
    expect((await streamOf('globalname')).map((e) => e.type)).toEqual(['StorageAccountCreated']);
  });

  it('lists and regenerates keys (64 random bytes each); the internal lookup gives the gateway the same keys', async () => {
    await arm.put(accountPath(sub, 'data-rg', 'keysacct'), create());
    const path = accountPath(sub, 'data-rg', 'keysacct');
    const listed = await arm.post(`${path}/listKeys`);
    expect(listed.status).toBe(200);
    const [key1, key2] = listed.body.keys;
    expect(listed.body.keys.map((k: { keyName: string; permissions: string }) => [k.keyName, k.permissions])).toEqual([['key1', 'FULL'], ['key2', 'FULL']]);
    expect(Buffer.from(key1.value, 'base64')).toHaveLength(64);
    expect(key1.value).not.toBe(key2.value);

    const regenerated = await arm.post(`${path}/regenerateKey`, { keyName: 'key2' });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.keys[0].value).toBe(key1.value);
    expect(regenerated.body.keys[1].value).not.toBe(key2.value);
    expect(await arm.post(`${path}/regenerateKey`, { keyName: 'key9' })).toMatchObject({ status: 400, body: { error: { code: 'InvalidValuesForRequestParameters' } } });

    const internal = await arm.get('/internal/storageAccounts/keysacct');
    expect(internal.body).toMatchObject({
      subscriptionId: sub,
      resourceGroup: 'Data-RG',
      name: 'keysacct',
      sku: 'Standard_RAGRS',
      kind: 'StorageV2',
      location: 'eastus',
      deploymentModel: 'ResourceManager',
      keys: [key1.value, regenerated.body.keys[1].value],
      encryption: { blob: { enabled: false }, keySource: 'Microsoft.Storage' },
    });
    expect(await streamOf('keysacct')).toEqual([
      expect.objectContaining({ type: 'StorageAccountCreated' }),
      expect.objectContaining({ type: 'StorageAccountKeysRegenerated', data: expect.objectContaining({ keyName: 'key2' }) }),
    ]);
  });

  it('never loses an update when PATCHes race: each reloads the stream and decides again', async () => {
    await arm.put(accountPath(sub, 'data-rg', 'raceacct'), create());
    const path = accountPath(sub, 'data-rg', 'raceacct');
    for (let round = 0; round < 5; round++) {
      const tier = round % 2 === 0 ? 'Cool' : 'Hot';
      const answers = await Promise.all([arm.patch(path, { tags: { round: String(round) } }), arm.patch(path, { properties: { accessTier: tier } })]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const { body } = await arm.get(path);
      expect(body.tags).toEqual({ round: String(round) });
      expect(body.properties.accessTier).toBe(tier);
    }
  });

  it("rebuilds each account's state from its stream alone to exactly what GET answers", async () => {
    for (const [group, name] of [['data-rg', 'shapeacct'], ['other-rg', 'grsacct'], ['data-rg', 'keysacct'], ['data-rg', 'raceacct']]) {
      const rebuilt = (await streamOf(name)).reduce(evolve, initialState());
      const answer = await arm.get(accountPath(sub, group, name));
      expect(toArmStorageAccount(rebuilt!, { provisioningState: 'Succeeded', blobEndpointBase: 'http://127.0.0.1:10000' })).toEqual(answer.body);
    }
  });

  it('imports a classic account (operator), shows it in Default-Storage-<Region>, migrates it into a Resource Manager group', async () => {
    const imported = await arm.put('/operator/classicStorageAccounts/classicacct', { subscriptionId: sub, location: 'East US', sku: { name: 'Standard_GRS' } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ id: accountPath(sub, 'Default-Storage-EastUS', 'classicacct'), kind: 'Storage' });
    expect((await arm.get(groupPath(sub, 'default-storage-eastus'))).body).toMatchObject({ name: 'Default-Storage-EastUS', location: 'eastus' });
    expect(await arm.put('/operator/classicStorageAccounts/classicacct', { subscriptionId: other, location: 'eastus', sku: { name: 'Standard_LRS' } })).toMatchObject({
      status: 409,
      body: { error: { code: 'StorageAccountAlreadyTaken' } },
    });

    expect(await arm.post('/operator/classicStorageAccounts/classicacct/migrate', { resourceGroup: 'nope' })).toMatchObject({
      status: 404,
      body: { error: { code: 'ResourceGroupNotFound' } },
    });
    const migrated = await arm.post('/operator/classicStorageAccounts/classicacct/migrate', { resourceGroup: 'data-rg' });
    expect(migrated.status).toBe(200);
    expect(migrated.body.id).toBe(accountPath(sub, 'Data-RG', 'classicacct'));
    expect((await arm.get(accountPath(sub, 'data-rg', 'classicacct'))).status).toBe(200);
    expect((await arm.get(accountPath(sub, 'Default-Storage-EastUS', 'classicacct'))).status).toBe(404);
    expect(await arm.post('/operator/classicStorageAccounts/classicacct/migrate', { resourceGroup: 'data-rg' })).toMatchObject({
      status: 409,
      body: { error: { code: 'StorageAccountNotClassic' } },
    });
    expect((await streamOf('classicacct')).map((e) => e.type)).toEqual(['StorageAccountCreated', 'StorageAccountMigrated']);
  });

  it('deletes an account with its keys (200), then 204; the name is free again', async () => {
    await arm.put(accountPath(sub, 'data-rg', 'goneacct'), create());
    const path = accountPath(sub, 'data-rg', 'goneacct');
    expect((await arm.delete(path)).status).toBe(200);
    expect(await arm.get(path)).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound' } } });
    expect((await arm.get('/internal/storageAccounts/goneacct')).status).toBe(404);
    expect((await arm.delete(path)).status).toBe(204);
    expect((await arm.post(`/subscriptions/${sub}/providers/Microsoft.Storage/checkNameAvailability`, { name: 'goneacct' })).body).toEqual({ nameAvailable: true });
    expect((await arm.put(accountPath(other, 'rg', 'goneacct'), create())).status).toBe(200);
  });

  it('publishes every change on atrest.accounts, keyed by stream, and never an account key', async () => {
    const keys = (await arm.post(`${accountPath(sub, 'data-rg', 'keysacct')}/listKeys`)).body.keys.map((k: { value: string }) => k.value);
    const [{ stored }] = await service.db.query(`SELECT count(*)::int AS stored FROM events`);
    const messages = await new KafkaProbe(ctx.kafkaBrokers).readAll(`${ctx.topicPrefix}${Topics.accounts}`, { atLeast: stored, timeoutMs: 30_000 });
    expect(messages).toHaveLength(stored);
    expect(new Set(messages.map((m) => JSON.parse(m.value!.toString()).type))).toEqual(
      new Set(['ResourceGroupCreated', 'StorageAccountCreated', 'StorageAccountUpdated', 'StorageAccountKeysRegenerated', 'StorageAccountMigrated', 'StorageAccountDeleted']),
    );
    for (const message of messages) {
      const text = message.value!.toString();
      expect(message.key!.toString()).toBe(JSON.parse(text).streamId);
      for (const key of keys) expect(text).not.toContain(key);
      expect(text).not.toMatch(/"(key1|key2|value)":/);
    }
  });
});
