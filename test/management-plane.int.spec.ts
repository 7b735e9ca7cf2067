import { FeatureClient } from '@azure/arm-features';
import { ResourceManagementClient } from '@azure/arm-resources';
import { StorageManagementClient, type StorageAccount, type StorageAccountCreateParameters } from '@azure/arm-storage';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { randomUUID } from 'node:crypto';
import { startBlobService } from '../apps/blob-data-service/src/testing/blob-service.fixture';
import { startAccountService } from '../apps/account-service/src/testing/service-harness';
import { startFeatureService } from '../apps/feature-registration-service/src/testing/feature-service.fixture';
import { callGateway, type RunningGateway, startGateway } from '../apps/api-gateway/src/testing/gateway.fixture';

// Issue 3's "Must show", end to end: the real Azure management clients
// (@azure/arm-resources, @azure/arm-features, @azure/arm-storage) against the
// gateway over HTTPS with a bearer token, in front of feature-registration-,
// account- and blob-data-service (each on its own database, one topic prefix).
// The seed's flow, each preview rule refused with its code, and bad input
// refused as ARM errors with nothing written.

const SUB = randomUUID();
const FOREIGN_SUB = randomUUID();
const RG = 'sse-rg';
const STORAGE = 'Microsoft.Storage';
const FEATURE = 'EncryptionAtRest';

let ctx: TestContext;
const services: Array<{ close(): Promise<void> }> = [];
let gateway: RunningGateway;
let resources: ResourceManagementClient;
let features: FeatureClient;
let storage: StorageManagementClient;

interface Refusal {
  status?: number;
  code?: string;
  message: string;
}

/** How a client call was refused (statusCode and ARM code, as the SDK's RestError reports them); fails when it was not. */
const refusal = (call: Promise<unknown>): Promise<Refusal> =>
  call.then(
    (result) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
    },
    (error: { statusCode?: number; code?: string; message: string }) => ({ status: error.statusCode, code: error.code, message: error.message }),
  );

const standard = (location: string): StorageAccountCreateParameters => ({ sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location });

/**
 * What the clients get besides a credential: the gateway as endpoint, its dev CA as the only trust
 * (NODE_EXTRA_CA_CERTS is read at process start, too late inside Jest), few retries.
 */
const clientOptions = () => ({ endpoint: gateway.url, tlsOptions: { ca: gateway.caCert }, retryOptions: { maxRetries: 1, retryDelayInMs: 200 } });

const enableBlobEncryption = (group: string, name: string) =>
  storage.storageAccounts.update(group, name, { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } });

beforeAll(async () => {
  ctx = await createTestContext('management-plane-e2e');
  const featureService = await startFeatureService(ctx, {
    DATABASE_URL: await ctx.databaseUrlFor('features'),
    LOG_LEVEL: 'silent',
    FEATURE_APPROVAL_POLICY: 'auto',
    FEATURE_APPROVAL_DELAY_MS: '1500',
  });
  services.push(featureService);
  const accountService = await startAccountService(ctx);
  services.push(accountService);
  // No key service: the management plane never writes blob data.
  const blobService = await startBlobService('management-plane-e2e', { ctx });
  services.push(blobService);
  gateway = await startGateway({
    ACCOUNT_SERVICE_URL: accountService.url,
    FEATURE_REGISTRATION_SERVICE_URL: featureService.url,
    BLOB_DATA_SERVICE_URL: blobService.base,
    // Not part of the management plane: never called here.
    KEY_MANAGEMENT_SERVICE_URL: 'http://127.0.0.1:9',
    REPLICATOR_SERVICE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  // Only endpoint and credential differ from talking to Azure.
  const credential = gateway.credential([SUB]);
  resources = new ResourceManagementClient(credential, SUB, clientOptions());
  features = new FeatureClient(credential, SUB, clientOptions());
  storage = new StorageManagementClient(credential, SUB, clientOptions());
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await Promise.all(services.map((service) => service.close()));
  await ctx?.dispose();
});

describe('the seed, through the real Azure clients', () => {
  const early = 'earlyacct';
  const account = `sse${randomUUID().replace(/-/g, '').slice(0, 16)}`;

  it('registers the subscription with Microsoft.Storage (Register-AzureRmResourceProvider)', async () => {
    const provider = await resources.providers.register(STORAGE);
    expect(provider.namespace).toBe(STORAGE);
    expect(['Registering', 'Registered']).toContain(provider.registrationState);
    await waitFor(async () => (await resources.providers.get(STORAGE)).registrationState === 'Registered', { what: 'Microsoft.Storage Registered' });
  });

  it('creates a resource group and an account before signing up for the preview; SSE is off by default and refused', async () => {
    const group = await resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
    expect(group).toMatchObject({ name: RG, location: 'eastus' });
    const created = await storage.storageAccounts.beginCreateAndWait(RG, early, standard('eastus'));
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.encryption?.services?.blob?.enabled ?? false).toBe(false);
    await expect(refusal(enableBlobEncryption(RG, early))).resolves.toMatchObject({ status: 409, code: 'SubscriptionNotRegisteredForFeature' });
  });

  it('registers for EncryptionAtRest (Register-AzureRmProviderFeature) and is approved: Registered', async () => {
    const requested = await features.features.register(STORAGE, FEATURE);
    expect(requested).toMatchObject({ name: `${STORAGE}/${FEATURE}`, type: 'Microsoft.Features/providers/features' });
    const registered = await waitFor(
      async () => {
        const feature = await features.features.get(STORAGE, FEATURE);
        return feature.properties?.state === 'Registered' && feature;
      },
      { what: 'EncryptionAtRest Registered', timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(registered.id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Features/providers/${STORAGE}/features/${FEATURE}`);
  });

  it('still refuses SSE on the account created before the approval: create a new one and copy the data', async () => {
    // account-service learns of the approval from Kafka: until then the refusal is the previous one.
    const refused = await waitFor(
      async () => {
        const answer = await refusal(enableBlobEncryption(RG, early));
        return answer.code !== 'SubscriptionNotRegisteredForFeature' && answer;
      },
      { what: 'account-service to learn of the approval', timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(refused).toMatchObject({ status: 409, code: 'AccountCreatedBeforeFeatureRegistration' });
    expect(refused.message).toMatch(/new Resource Manager storage account/);
  });

  it('creates a new account, enables SSE and reads it back enabled with a lastEnabledTime', async () => {
    const created = await storage.storageAccounts.beginCreateAndWait(RG, account, standard('eastus'));
    expect(created).toMatchObject({ name: account, location: 'eastus', kind: 'StorageV2', provisioningState: 'Succeeded' });
    expect(created.primaryEndpoints?.blob).toBe(`http://127.0.0.1:10000/${account}/`);

    const before = Date.now();
    const updated = await enableBlobEncryption(RG, account);
    expect(updated.provisioningState).toBe('Succeeded');

    const read: StorageAccount = await storage.storageAccounts.getProperties(RG, account);
    expect(read.encryption?.services?.blob?.enabled).toBe(true);
    expect(read.encryption?.keySource).toBe('Microsoft.Storage');
    const lastEnabled = read.encryption?.services?.blob?.lastEnabledTime;
    expect(lastEnabled).toBeInstanceOf(Date);
    expect(lastEnabled!.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it('disables SSE and reads it back disabled', async () => {
    await storage.storageAccounts.update(RG, account, { encryption: { services: { blob: { enabled: false } }, keySource: 'Microsoft.Storage' } });
    const read = await storage.storageAccounts.getProperties(RG, account);
    expect(read.encryption?.services?.blob?.enabled).toBe(false);
  });

  it('lists the keys and regenerates one', async () => {
    const { keys } = await storage.storageAccounts.listKeys(RG, account);
    expect(keys?.map((key) => key.keyName)).toEqual(['key1', 'key2']);
    const regenerated = await storage.storageAccounts.regenerateKey(RG, account, { keyName: 'key1' });
    const value = (name: string, list = regenerated.keys) => list?.find((key) => key.keyName === name)?.value;
    expect(value('key1')).toBeTruthy();
    expect(value('key1')).not.toBe(value('key1', keys));
    expect(value('key2')).toBe(value('key2', keys));
  });

  it('answers checkNameAvailability: taken, free, invalid', async () => {
    const type = 'Microsoft.Storage/storageAccounts';
    await expect(storage.storageAccounts.checkNameAvailability({ name: account, type })).resolves.toMatchObject({ nameAvailable: false, reason: 'AlreadyExists' });
    await expect(storage.storageAccounts.checkNameAvailability({ name: `free${randomUUID().slice(0, 8)}`, type })).resolves.toMatchObject({ nameAvailable: true });
    await expect(storage.storageAccounts.checkNameAvailability({ name: 'Not_Valid', type })).resolves.toMatchObject({ nameAvailable: false, reason: 'AccountNameInvalid' });
  });

  it('lists the accounts of the subscription and of the group', async () => {
    const names = async (pages: AsyncIterable<StorageAccount>) => {
      const found: string[] = [];
      for await (const item of pages) found.push(item.name!);
      return found.sort();
    };
    await expect(names(storage.storageAccounts.list())).resolves.toEqual([early, account].sort());
    await expect(names(storage.storageAccounts.listByResourceGroup(RG))).resolves.toEqual([early, account].sort());
  });

  it('deletes the account', async () => {
    await storage.storageAccounts.delete(RG, account);
    await expect(refusal(storage.storageAccounts.getProperties(RG, account))).resolves.toMatchObject({ status: 404 });
  });
});

describe('each preview rule, refused through the real client with its own code', () => {
  const operatorCall = async (method: string, path: string, body: unknown) =>
    callGateway(gateway, path, { method, body, bearer: await gateway.token([], { operator: true }) });

  it('a Standard account in a region without SSE for Standard (Japan East)', async () => {
    await storage.storageAccounts.beginCreateAndWait(RG, 'stdjapaneast', standard('japaneast'));
    const refused = await refusal(enableBlobEncryption(RG, 'stdjapaneast'));
    expect(refused).toMatchObject({ status: 409, code: 'EncryptionNotAvailableInRegion' });
    expect(refused.message).toContain('East US');
  });

  it('a Premium account in a region without SSE for Premium (West Europe)', async () => {
    await storage.storageAccounts.beginCreateAndWait(RG, 'premwesteurope', { sku: { name: 'Premium_LRS' }, kind: 'Storage', location: 'westeurope' });
    await expect(refusal(enableBlobEncryption(RG, 'premwesteurope'))).resolves.toMatchObject({ status: 409, code: 'EncryptionNotAvailableInRegion' });
  });

  it('Table, Queue and File encryption', async () => {
    await storage.storageAccounts.beginCreateAndWait(RG, 'tqfacct', standard('eastus'));
    for (const service of ['table', 'queue', 'file'] as const) {
      const refused = await refusal(storage.storageAccounts.update(RG, 'tqfacct', { encryption: { services: { [service]: { enabled: true } }, keySource: 'Microsoft.Storage' } }));
      expect(refused).toMatchObject({ status: 400, code: 'EncryptionNotSupportedForService' });
    }
  });

  it('a classic account (imported by an operator; ARM shows it in Default-Storage-EastUS)', async () => {
    const imported = await operatorCall('PUT', '/operator/classicStorageAccounts/classicone', { subscriptionId: SUB, sku: { name: 'Standard_GRS' }, location: 'eastus' });
    expect(imported.status).toBe(200);
    await expect(refusal(enableBlobEncryption('Default-Storage-EastUS', 'classicone'))).resolves.toMatchObject({ status: 409, code: 'EncryptionNotSupportedForClassicAccount' });
  });

  it('a classic account migrated to Resource Manager', async () => {
    await operatorCall('PUT', '/operator/classicStorageAccounts/classictwo', { subscriptionId: SUB, sku: { name: 'Standard_LRS' }, location: 'eastus' });
    const migrated = await operatorCall('POST', '/operator/classicStorageAccounts/classictwo/migrate', { resourceGroup: RG });
    expect(migrated.status).toBe(200);
    await expect(refusal(enableBlobEncryption(RG, 'classictwo'))).resolves.toMatchObject({ status: 409, code: 'EncryptionNotSupportedForMigratedAccount' });
  });

  it('a subscription not registered for EncryptionAtRest', async () => {
    // A second subscription that registered the provider only.
    const other = randomUUID();
    const otherResources = new ResourceManagementClient(gateway.credential([other]), other, clientOptions());
    const otherStorage = new StorageManagementClient(gateway.credential([other]), other, clientOptions());
    await otherResources.providers.register(STORAGE);
    await otherResources.resourceGroups.createOrUpdate('rg', { location: 'westus' });
    await otherStorage.storageAccounts.beginCreateAndWait('rg', 'unregistered', standard('westus'));
    const refused = await refusal(
      otherStorage.storageAccounts.update('rg', 'unregistered', { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } }),
    );
    expect(refused).toMatchObject({ status: 409, code: 'SubscriptionNotRegisteredForFeature' });
  });
});

describe('bad input: a clear ARM error, nothing written', () => {
  const accountPath = (name: string, apiVersion = '2025-08-01') =>
    `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}?api-version=${apiVersion}`;
  let accountsBefore: string[];

  const accountNames = async (): Promise<string[]> => {
    const found: string[] = [];
    for await (const item of storage.storageAccounts.list()) found.push(item.name!);
    return found.sort();
  };

  beforeAll(async () => {
    accountsBefore = await accountNames();
  });

  const expectArmError = (reply: { status: number; body: { error?: { code?: string; message?: string } } }, status: number, code: string) => {
    expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
    expect(reply.body.error?.message).toBeTruthy();
  };

  it('an unknown api-version', async () => {
    const reply = await callGateway(gateway, accountPath('badversion', '2010-01-01'), { method: 'PUT', bearer: await gateway.token([SUB]), body: standard('eastus') });
    expectArmError(reply, 400, 'InvalidApiVersionParameter');
  });

  it('malformed JSON', async () => {
    const reply = await callGateway(gateway, accountPath('badjson'), { method: 'PUT', bearer: await gateway.token([SUB]), body: '{"sku": {"name": "Standard_LRS"},' });
    expectArmError(reply, 400, 'InvalidRequestContent');
  });

  it('a body that is not JSON (curl\'s default form encoding)', async () => {
    const body = JSON.stringify(standard('eastus'));
    const reply = await callGateway(gateway, accountPath('formbody'), { method: 'PUT', bearer: await gateway.token([SUB]), body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectArmError(reply, 415, 'UnsupportedMediaType');
  });

  it('a body over the services\' 100 KiB limit', async () => {
    const padded = JSON.stringify({ ...standard('eastus'), tags: { padding: 'x'.repeat(200 * 1024) } });
    const reply = await callGateway(gateway, accountPath('toolarge'), { method: 'PUT', bearer: await gateway.token([SUB]), body: padded });
    expectArmError(reply, 413, 'RequestEntityTooLarge');
  });

  it.each([
    ['a wrong sku', 'badsku', { ...standard('eastus'), sku: { name: 'Gold_LRS' } }, 400, 'InvalidValuesForRequestParameters'],
    ['a wrong kind', 'badkind', { ...standard('eastus'), kind: 'FileStorageXL' }, 400, 'InvalidValuesForRequestParameters'],
    ['a wrong location', 'badlocation', standard('marsnorth'), 400, 'LocationNotAvailableForResourceType'],
    ['an invalid name', 'Bad_Name!', standard('eastus'), 400, 'AccountNameInvalid'],
    ['Shared Key turned off (atrest authorizes with the account keys only)', 'nosharedkey', { ...standard('eastus'), allowSharedKeyAccess: false }, 400, 'FeatureNotSupportedForAccount'],
    // accessTier beside them: @azure/arm-storage 20 sends no properties when only these two are set.
    ['anonymous blob access allowed', 'publicblobs', { ...standard('eastus'), accessTier: 'Hot', allowBlobPublicAccess: true }, 400, 'FeatureNotSupportedForAccount'],
    ['a hierarchical namespace', 'datalake', { ...standard('eastus'), accessTier: 'Hot', isHnsEnabled: true }, 400, 'FeatureNotSupportedForAccount'],
    ['infrastructure (double) encryption', 'doubleenc', { ...standard('eastus'), encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: true } }, 400, 'InfrastructureEncryptionNotSupported'],
  ])('%s', async (_, name, parameters, status, code) => {
    await expect(refusal(storage.storageAccounts.beginCreateAndWait(RG, name, parameters as StorageAccountCreateParameters))).resolves.toMatchObject({ status, code });
  });

  it('a missing resource group', async () => {
    await expect(refusal(storage.storageAccounts.beginCreateAndWait('no-such-group', 'orphanacct', standard('eastus')))).resolves.toMatchObject({
      status: 404,
      code: 'ResourceGroupNotFound',
    });
  });

  it('a missing token', async () => {
    const reply = await callGateway(gateway, accountPath('notoken'), { method: 'PUT', body: standard('eastus') });
    expectArmError(reply, 401, 'AuthenticationFailed');
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it("a token for another subscription (the real client, someone else's credential)", async () => {
    const intruder = new StorageManagementClient(gateway.credential([FOREIGN_SUB]), SUB, clientOptions());
    await expect(refusal(intruder.storageAccounts.beginCreateAndWait(RG, 'intruderacct', standard('eastus')))).resolves.toMatchObject({ status: 403, code: 'AuthorizationFailed' });
  });

  it('wrote nothing: no account and no resource group appeared', async () => {
    expect(await accountNames()).toEqual(accountsBefore);
    await expect(refusal(resources.resourceGroups.get('no-such-group'))).resolves.toMatchObject({ status: 404 });
  });
});
