import { Topics } from '@atrest/contracts';
import { EventStore } from '@atrest/event-store';
import { createTestContext, KafkaProbe, outboxRelayed, waitFor, type TestContext } from '@atrest/testing';
import { dataPlaneState, startBlobDataService } from '../testing/blob-data-service.harness';
import { accountPath, armClient, featureEvents, groupPath, startAccountService, type RunningService } from '../testing/service-harness';
import { evolve, initialState, storageAccountStreamId } from './domain/storage-account';

const approved = 'sub-sse-approved';
const late = 'sub-sse-late';
const unregistered = 'sub-sse-none';
const pending = 'sub-sse-pending';
const account = (over: Record<string, unknown> = {}) => ({ sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus', ...over });
const encryption = (services: Record<string, boolean>) => ({ properties: { encryption: { services: Object.fromEntries(Object.entries(services).map(([s, enabled]) => [s, { enabled }])), keySource: 'Microsoft.Storage' } } });
const enable = encryption({ blob: true });
const disable = encryption({ blob: false });

describe('Storage Service Encryption: preview rules and the consistency contract (account-service + blob-data-service in-process)', () => {
  let ctx: TestContext;
  let accounts: RunningService;
  let blobs: RunningService;
  let arm: ReturnType<typeof armClient>;
  let store: EventStore;
  const streamTypes = async (name: string) => (await store.readStream(storageAccountStreamId(name))).map((e) => e.type);
  const featureState = async (subscriptionId: string) =>
    (await accounts.db.query(`SELECT state FROM feature_registrations WHERE subscription_key = $1`, [subscriptionId]))[0]?.state;

  beforeAll(async () => {
    ctx = await createTestContext('encryption');
    accounts = await startAccountService(ctx);
    blobs = await startBlobDataService(ctx);
    arm = armClient(accounts.url);
    store = new EventStore(accounts.db);
    for (const sub of [approved, late, unregistered, pending]) await arm.put(groupPath(sub, 'rg'), { location: 'eastus' });

    const publish = featureEvents(ctx);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await publish(approved, 'FeatureRegistrationRequested', anHourAgo);
    await publish(approved, 'FeatureRegistered', anHourAgo);
    await publish(pending, 'FeatureRegistrationRequested', anHourAgo);
    // An account made before `late` is approved: the seed's "create a new account" case.
    await arm.put(accountPath(late, 'rg', 'beforeapproval'), account());
    await publish(late, 'FeatureRegistered', new Date());
    await waitFor(async () => (await featureState(late)) === 'Registered' && (await featureState(approved)) === 'Registered' && (await featureState(pending)) === 'Pending', {
      what: 'feature registrations projected from atrest.features',
    });
  });
  afterAll(async () => {
    await Promise.all([accounts?.close(), blobs?.close()]);
    await ctx.dispose();
  });

  describe('each preview rule refuses with its own code, and writes nothing', () => {
    const refuses = async (path: string, body: unknown, status: number, code: string) => {
      const answer = await arm.patch(path, body);
      expect(answer).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    };

    it('subscription not Registered for EncryptionAtRest (never asked, or still pending)', async () => {
      for (const sub of [unregistered, pending]) {
        await arm.put(accountPath(sub, 'rg', `noreg${sub.length}`), account());
        await refuses(accountPath(sub, 'rg', `noreg${sub.length}`), enable, 409, 'SubscriptionNotRegisteredForFeature');
        expect(await streamTypes(`noreg${sub.length}`)).toEqual(['StorageAccountCreated']);
      }
    });

    it('account created before the registration was approved; one created after is fine', async () => {
      await refuses(accountPath(late, 'rg', 'beforeapproval'), enable, 409, 'AccountCreatedBeforeFeatureRegistration');
      expect(await streamTypes('beforeapproval')).toEqual(['StorageAccountCreated']);
      await arm.put(accountPath(late, 'rg', 'afterapproval'), account());
      expect((await arm.patch(accountPath(late, 'rg', 'afterapproval'), enable)).body.properties.encryption.services.blob.enabled).toBe(true);
    });

    it('region where the tier does not offer SSE', async () => {
      await arm.put(accountPath(approved, 'rg', 'westus2acct'), account({ location: 'westus2' }));
      await refuses(accountPath(approved, 'rg', 'westus2acct'), enable, 409, 'EncryptionNotAvailableInRegion');
      await arm.put(accountPath(approved, 'rg', 'premiumeu'), account({ location: 'westeurope', sku: { name: 'Premium_LRS' } }));
      await refuses(accountPath(approved, 'rg', 'premiumeu'), enable, 409, 'EncryptionNotAvailableInRegion');
      expect(await streamTypes('westus2acct')).toEqual(['StorageAccountCreated']);
    });

    it('classic account, and classic account migrated to Resource Manager', async () => {
      await arm.put('/operator/classicStorageAccounts/classicsse', { subscriptionId: approved, location: 'eastus', sku: { name: 'Standard_LRS' } });
      await refuses(accountPath(approved, 'Default-Storage-EastUS', 'classicsse'), enable, 409, 'EncryptionNotSupportedForClassicAccount');
      await arm.post('/operator/classicStorageAccounts/classicsse/migrate', { resourceGroup: 'rg' });
      await refuses(accountPath(approved, 'rg', 'classicsse'), enable, 409, 'EncryptionNotSupportedForMigratedAccount');
      expect(await streamTypes('classicsse')).toEqual(['StorageAccountCreated', 'StorageAccountMigrated']);
    });

    it.each(['table', 'queue', 'file'])('%s encryption requested', async (service) => {
      const name = `svc${service}`;
      await arm.put(accountPath(approved, 'rg', name), account());
      await refuses(accountPath(approved, 'rg', name), encryption({ blob: true, [service]: true }), 400, 'EncryptionNotSupportedForService');
      expect(await streamTypes(name)).toEqual(['StorageAccountCreated']);
    });

    it('infrastructure (double) encryption requested, on creation or later: nothing created or changed', async () => {
      const double = { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage', requireInfrastructureEncryption: true } };
      const refused = { status: 400, body: { error: { code: 'InfrastructureEncryptionNotSupported', message: expect.stringContaining('requireInfrastructureEncryption') } } };
      expect(await arm.put(accountPath(approved, 'rg', 'doubleenc'), { ...account(), properties: double })).toEqual(refused);
      expect(await streamTypes('doubleenc')).toEqual([]);
      await arm.put(accountPath(approved, 'rg', 'doubleenc'), account());
      await refuses(accountPath(approved, 'rg', 'doubleenc'), { properties: double }, 400, 'InfrastructureEncryptionNotSupported');
      expect(await streamTypes('doubleenc')).toEqual(['StorageAccountCreated']);
    });
  });

  describe('consistency contract', () => {
    const encryptionVersion = async (name: string) =>
      (await store.readStream(storageAccountStreamId(name))).filter((e) => e.type.startsWith('Encryption')).at(-1)!.streamVersion;

    it('answers Succeeded to enable only once the data plane applies it, and likewise for disable', async () => {
      const path = accountPath(approved, 'rg', 'contractacct');
      await arm.put(path, account());

      const enabled = await arm.patch(path, enable);
      // Read right after the answer: the data plane's row already holds the new state at that version.
      const afterEnable = await dataPlaneState(blobs, 'contractacct');
      expect(enabled.status).toBe(200);
      expect(enabled.body.properties.provisioningState).toBe('Succeeded');
      expect(enabled.body.properties.encryption).toEqual({
        services: { blob: { enabled: true, lastEnabledTime: expect.any(String) } },
        keySource: 'Microsoft.Storage',
      });
      expect(afterEnable).toEqual({ enabled: true, version: await encryptionVersion('contractacct') });

      const disabled = await arm.patch(path, disable);
      const afterDisable = await dataPlaneState(blobs, 'contractacct');
      expect(disabled.body.properties).toMatchObject({ provisioningState: 'Succeeded', encryption: { services: { blob: { enabled: false } } } });
      expect(afterDisable).toEqual({ enabled: false, version: await encryptionVersion('contractacct') });
      expect(await streamTypes('contractacct')).toEqual(['StorageAccountCreated', 'EncryptionEnabled', 'EncryptionDisabled']);

      await outboxRelayed([blobs.db], 'every acknowledgement relayed');
      const acks = await new KafkaProbe(ctx.kafkaBrokers).readPublished(`${ctx.topicPrefix}${Topics.dataPlane}`);
      const applied = acks.map((m) => JSON.parse(m.value!.toString())).filter((e) => e.data.accountName === 'contractacct');
      expect(applied.map((e) => [e.type, e.data.accountStreamVersion, e.data.encryptionEnabled])).toEqual([
        ['DataPlaneEncryptionStateApplied', 1, false],
        ['DataPlaneEncryptionStateApplied', 2, true],
        ['DataPlaneEncryptionStateApplied', 3, false],
      ]);
    });

    it('creates an account with encryption on in one PUT, answered once applied', async () => {
      const created = await arm.put(accountPath(approved, 'rg', 'bornencrypted'), { ...account(), ...enable });
      expect(created.body.properties).toMatchObject({ provisioningState: 'Succeeded', encryption: { services: { blob: { enabled: true } } } });
      expect(await dataPlaneState(blobs, 'bornencrypted')).toEqual({ enabled: true, version: 2 });
    });

    it('never loses an update: enable racing a tags change keeps both', async () => {
      const path = accountPath(approved, 'rg', 'racetags');
      await arm.put(path, account());
      const answers = await Promise.all([arm.patch(path, enable), arm.patch(path, { tags: { owner: 'ops' } })]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const { body } = await arm.get(path);
      expect(body.tags).toEqual({ owner: 'ops' });
      expect(body.properties.encryption.services.blob.enabled).toBe(true);
      expect((await streamTypes('racetags')).sort()).toEqual(['EncryptionEnabled', 'StorageAccountCreated', 'StorageAccountUpdated']);
    });

    it('enable racing disable: the stream decides, and GET and the data plane agree with it once both answered', async () => {
      const path = accountPath(approved, 'rg', 'racetoggle');
      await arm.put(path, account());
      for (let round = 0; round < 4; round++) {
        const answers = await Promise.all([arm.patch(path, enable), arm.patch(path, disable)]);
        expect(answers.map((a) => [a.status, a.body.properties.provisioningState])).toEqual([[200, 'Succeeded'], [200, 'Succeeded']]);
        const rebuilt = (await store.readStream(storageAccountStreamId('racetoggle'))).reduce(evolve, initialState())!;
        const { body } = await arm.get(path);
        expect(body.properties.encryption.services.blob.enabled).toBe(rebuilt.encryption.blobEnabled);
        expect(await dataPlaneState(blobs, 'racetoggle')).toEqual({ enabled: rebuilt.encryption.blobEnabled, version: await encryptionVersion('racetoggle') });
      }
    });
  });
});
