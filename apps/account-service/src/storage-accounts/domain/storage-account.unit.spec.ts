import type { DomainEvent } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import { evolve, initialState, type StorageAccount } from './storage-account';
import type { AccountSettings, DecisionContext, StorageAccountCommand } from './storage-account.commands';
import { decide } from './storage-account.decide';

const createdAt = '2026-12-01T10:00:00.000Z';
const now = new Date('2026-12-02T10:00:00.000Z');
const ref = { subscriptionId: 'sub-1', resourceGroup: 'rg1', accountName: 'acct1' };
const address = { ...ref, now };
const registered: DecisionContext = { encryptionAtRest: { state: 'Registered', approvedAt: '2026-11-30T00:00:00.000Z' } };

const created = (over: Record<string, unknown> = {}): DomainEvent => ({
  type: 'StorageAccountCreated',
  data: {
    ...ref,
    location: 'eastus',
    sku: 'Standard_GRS',
    kind: 'StorageV2',
    accessTier: 'Hot',
    tags: {},
    deploymentModel: 'ResourceManager',
    createdAt,
    ...over,
  },
});
const enabled = (at = now): DomainEvent => ({
  type: 'EncryptionEnabled',
  data: { ...ref, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: at.toISOString() },
});
const disabled: DomainEvent = { type: 'EncryptionDisabled', data: { ...ref, services: ['blob'], disabledAt: now.toISOString() } };

const stateOf = (history: DomainEvent[]) => history.reduce(evolve, initialState());
const when = (history: DomainEvent[], command: StorageAccountCommand, context: DecisionContext = registered) =>
  decide(command, stateOf(history), context);
const put = (settings: AccountSettings, over: Partial<typeof address> = {}): StorageAccountCommand => ({
  type: 'PutStorageAccount',
  ...address,
  now: new Date(createdAt),
  ...over,
  settings,
});
const patch = (settings: AccountSettings): StorageAccountCommand => ({ type: 'UpdateStorageAccount', ...address, settings });
const validCreate: AccountSettings = { sku: 'standard_grs', kind: 'storagev2', location: 'East US' };

describe('storage account: create (PUT)', () => {
  it('creates a Resource Manager account with canonical values, encryption off by default', () => {
    expect(when([], put(validCreate))).toEqual([created()]);
    expect(stateOf([created()])).toEqual<StorageAccount>({
      subscriptionId: 'sub-1',
      resourceGroup: 'rg1',
      name: 'acct1',
      location: 'eastus',
      sku: 'Standard_GRS',
      kind: 'StorageV2',
      accessTier: 'Hot',
      tags: {},
      deploymentModel: 'ResourceManager',
      migratedFromClassic: false,
      createdAt,
      encryption: { blobEnabled: false },
    });
  });

  it('creates with encryption on in one PUT when the rules allow it', () => {
    const events = when([], put({ ...validCreate, encryption: { blob: true } }, { now }));
    expect(events.map((e) => e.type)).toEqual(['StorageAccountCreated', 'EncryptionEnabled']);
    expect(stateOf(events)?.encryption).toEqual({ blobEnabled: true, lastEnabledTime: now.toISOString() });
  });

  it.each([
    ['an invalid name', put(validCreate, { accountName: 'Not_Valid' }), 'AccountNameInvalid'],
    ['a too short name', put(validCreate, { accountName: 'ab' }), 'AccountNameInvalid'],
    ['an unknown sku', put({ ...validCreate, sku: 'Standard_XYZ' }), 'InvalidValuesForRequestParameters'],
    ['no sku', put({ ...validCreate, sku: undefined }), 'InvalidValuesForRequestParameters'],
    ['an unknown kind', put({ ...validCreate, kind: 'FileStorage' }), 'InvalidValuesForRequestParameters'],
    ['no location', put({ ...validCreate, location: undefined }), 'LocationRequired'],
    ['an unknown location', put({ ...validCreate, location: 'moon' }), 'LocationNotAvailableForResourceType'],
    ['Premium BlobStorage', put({ ...validCreate, kind: 'BlobStorage', sku: 'Premium_LRS' }), 'InvalidValuesForRequestParameters'],
    ['an access tier on a Storage account', put({ ...validCreate, kind: 'Storage', accessTier: 'Cool' }), 'InvalidRequestPropertyValue'],
    ['an unknown access tier', put({ ...validCreate, accessTier: 'Lukewarm' }), 'InvalidRequestPropertyValue'],
  ])('refuses %s', (_what, command, code) => {
    expect(errorCodeOf(() => when([], command))).toBe(code);
  });

  it('refuses a name taken in another subscription or resource group', () => {
    expect(errorCodeOf(() => when([created()], put(validCreate, { subscriptionId: 'sub-2' })))).toBe('StorageAccountAlreadyTaken');
    expect(errorCodeOf(() => when([created()], put(validCreate, { resourceGroup: 'rg2' })))).toBe('StorageAccountInAnotherResourceGroup');
  });

  it('treats a PUT on the same account as an update: same values change nothing, a new location or sku is refused', () => {
    expect(when([created()], put({ ...validCreate, location: 'eastus' }, { resourceGroup: 'RG1' }))).toEqual([]);
    expect(errorCodeOf(() => when([created()], put({ ...validCreate, location: 'westus' })))).toBe('InvalidResourceLocation');
    expect(errorCodeOf(() => when([created()], put({ ...validCreate, sku: 'Standard_LRS' })))).toBe('InvalidValuesForRequestParameters');
    expect(errorCodeOf(() => when([created()], put({ ...validCreate, kind: 'Storage' })))).toBe('InvalidValuesForRequestParameters');
  });

  it('refuses what an atrest account cannot be: without Shared Key, open to anonymous reads, hierarchical; takes the answers it has', () => {
    for (const features of [{ allowSharedKeyAccess: false }, { allowBlobPublicAccess: true }, { isHnsEnabled: true }]) {
      expect(errorCodeOf(() => when([], put({ ...validCreate, features })))).toBe('FeatureNotSupportedForAccount');
      expect(errorCodeOf(() => when([created()], patch({ features })))).toBe('FeatureNotSupportedForAccount');
    }
    expect(when([], put({ ...validCreate, features: { allowSharedKeyAccess: true, allowBlobPublicAccess: false, isHnsEnabled: false } }))).toHaveLength(1);
  });

  it('lets a deleted name be created again, by anyone', () => {
    const deleted: DomainEvent = { type: 'StorageAccountDeleted', data: { ...ref, deletedAt: now.toISOString() } };
    expect(when([created(), deleted], put(validCreate, { subscriptionId: 'sub-2' }))).toEqual([created({ subscriptionId: 'sub-2' })]);
  });
});

describe('storage account: update (PATCH)', () => {
  it('records tag and access tier changes, and nothing when nothing changes', () => {
    expect(when([created()], patch({ tags: { team: 'a' }, accessTier: 'cool' }))).toEqual([
      { type: 'StorageAccountUpdated', data: { ...ref, tags: { team: 'a' }, accessTier: 'Cool', supportsHttpsTrafficOnly: false, updatedAt: now.toISOString() } },
    ]);
    expect(when([created()], patch({ tags: {}, accessTier: 'Hot' }))).toEqual([]);
    expect(stateOf([created(), ...when([created()], patch({ tags: { team: 'a' }, accessTier: 'Cool' }))])).toMatchObject({
      tags: { team: 'a' },
      accessTier: 'Cool',
    });
  });

  it('records HTTPS-only switched on or off (false until asked, unlike Azure), and nothing when it stays', () => {
    expect(stateOf([created()])!.supportsHttpsTrafficOnly).toBeUndefined();
    const on = when([created()], patch({ supportsHttpsTrafficOnly: true }));
    expect(on).toEqual([{ type: 'StorageAccountUpdated', data: { ...ref, tags: {}, accessTier: 'Hot', supportsHttpsTrafficOnly: true, updatedAt: now.toISOString() } }]);
    expect(stateOf([created(), ...on])!.supportsHttpsTrafficOnly).toBe(true);
    expect(when([created(), ...on], patch({ supportsHttpsTrafficOnly: true }))).toEqual([]);
    expect(when([created(), ...on], patch({ tags: { team: 'b' } }))[0].data).toMatchObject({ supportsHttpsTrafficOnly: true });
    expect(stateOf([created(), ...on, ...when([created(), ...on], patch({ supportsHttpsTrafficOnly: false }))])!.supportsHttpsTrafficOnly).toBe(false);
  });

  it('records a minimum TLS version Azure offers, in its spelling; refuses TLS1_3 and the unknown', () => {
    const set = when([created()], patch({ minimumTlsVersion: 'tls1_2' }));
    expect(set[0].data).toMatchObject({ minimumTlsVersion: 'TLS1_2' });
    expect(stateOf([created(), ...set])!.minimumTlsVersion).toBe('TLS1_2');
    expect(when([created(), ...set], patch({ minimumTlsVersion: 'TLS1_2' }))).toEqual([]);
    expect(when([created(), ...set], patch({ tags: { team: 'c' } }))[0].data).toMatchObject({ minimumTlsVersion: 'TLS1_2' });
    for (const version of ['TLS1_3', 'SSL3'])
      expect(() => when([created()], patch({ minimumTlsVersion: version }))).toThrow(expect.objectContaining({ code: 'InvalidRequestPropertyValue' }));
  });

  it('enables and disables blob encryption; repeating either changes nothing', () => {
    expect(when([created()], patch({ encryption: { blob: true, keySource: 'microsoft.storage' } }))).toEqual([enabled()]);
    expect(when([created(), enabled()], patch({ encryption: { blob: true } }))).toEqual([]);
    expect(when([created(), enabled()], patch({ encryption: { blob: false } }))).toEqual([disabled]);
    expect(when([created()], patch({ encryption: { blob: false } }))).toEqual([]);
    expect(stateOf([created(), enabled(), disabled])?.encryption).toEqual({ blobEnabled: false });
  });

  it('puts the tag change and the encryption change in one decision', () => {
    expect(when([created()], patch({ tags: { a: '1' }, encryption: { blob: true } })).map((e) => e.type)).toEqual([
      'StorageAccountUpdated',
      'EncryptionEnabled',
    ]);
  });

  it('answers ResourceNotFound for an account that is not in the addressed group, or does not exist', () => {
    expect(errorCodeOf(() => when([], patch({ tags: {} })))).toBe('ResourceNotFound');
    expect(errorCodeOf(() => when([created({ resourceGroup: 'other' })], patch({ tags: {} })))).toBe('ResourceNotFound');
  });
});

describe('storage account: keys, delete, classic and migration', () => {
  it('regenerates a named key without the key itself in the event', () => {
    expect(when([created()], { type: 'RegenerateKey', ...address, keyName: 'Key2' })).toEqual([
      { type: 'StorageAccountKeysRegenerated', data: { ...ref, keyName: 'key2', regeneratedAt: now.toISOString() } },
    ]);
    expect(errorCodeOf(() => when([created()], { type: 'RegenerateKey', ...address, keyName: 'key3' }))).toBe('InvalidValuesForRequestParameters');
  });

  it('deletes an account; deleting a missing one changes nothing', () => {
    expect(when([created()], { type: 'DeleteStorageAccount', ...address })).toEqual([
      { type: 'StorageAccountDeleted', data: { ...ref, deletedAt: now.toISOString() } },
    ]);
    expect(when([], { type: 'DeleteStorageAccount', ...address })).toEqual([]);
    expect(stateOf([created(), ...when([created()], { type: 'DeleteStorageAccount', ...address })])).toBeNull();
  });

  it('imports a classic account and migrates it into a Resource Manager group', () => {
    const classic = when([], { type: 'ImportClassicStorageAccount', ...address, settings: { sku: 'Standard_LRS', kind: 'Storage', location: 'eastus' } });
    expect(classic).toEqual([created({ sku: 'Standard_LRS', kind: 'Storage', accessTier: undefined, deploymentModel: 'Classic', createdAt: now.toISOString() })]);
    const migrated = when(classic, { type: 'MigrateToResourceManager', accountName: 'acct1', resourceGroup: 'target', now });
    expect(migrated).toEqual([
      { type: 'StorageAccountMigrated', data: { ...ref, resourceGroup: 'target', from: 'Classic', to: 'ResourceManager', migratedAt: now.toISOString() } },
    ]);
    expect(stateOf([...classic, ...migrated])).toMatchObject({ resourceGroup: 'target', deploymentModel: 'ResourceManager', migratedFromClassic: true });
  });

  it('refuses to import over an existing name, to migrate a Resource Manager account, or a missing one', () => {
    const importAgain: StorageAccountCommand = { type: 'ImportClassicStorageAccount', ...address, settings: validCreate };
    expect(errorCodeOf(() => when([created()], importAgain))).toBe('StorageAccountAlreadyTaken');
    const migrate: StorageAccountCommand = { type: 'MigrateToResourceManager', accountName: 'acct1', resourceGroup: 'target', now };
    expect(errorCodeOf(() => when([created()], migrate))).toBe('StorageAccountNotClassic');
    expect(errorCodeOf(() => when([], migrate))).toBe('ResourceNotFound');
  });
});
