import type { DomainEvent, KeyVaultKey } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import { evolve, initialState } from './storage-account';
import type { AccountSettings, EncryptionRequest, KeySourceOutcome, StorageAccountCommand } from './storage-account.commands';
import { decide } from './storage-account.decide';
import { keySourceRefusal } from './key-source.decide';

// Customer-managed keys on the account (keySource Microsoft.Keyvault): every
// validation, the request to key-management-service and the recording of its answer.

const now = new Date('2026-12-05T00:00:00.000Z');
const at = now.toISOString();
const ref = { subscriptionId: 'sub-1', resourceGroup: 'rg1', accountName: 'acct1' };
const vault = { keyName: 'sse-key', keyVersion: '0a1b2c3d', keyVaultUri: 'https://contosovault.vault.azure.net' };

const created = (over: Record<string, unknown> = {}): DomainEvent => ({
  type: 'StorageAccountCreated',
  data: { ...ref, location: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: '2026-12-02T00:00:00.000Z', ...over },
});
/** Events as the store folds them: with their stream version (a request is known by it). */
const versioned = (events: DomainEvent[]): DomainEvent[] => events.map((e, i) => ({ ...e, streamVersion: i + 1 }) as DomainEvent);
const requested = (key?: KeyVaultKey): DomainEvent => ({
  type: 'KeySourceChangeRequested',
  data: key ? { ...ref, keySource: 'Microsoft.Keyvault', keyVaultProperties: key, requestedAt: at } : { ...ref, keySource: 'Microsoft.Storage', requestedAt: at },
});
const completed = (requestedVersion: number, outcome: KeySourceOutcome): DomainEvent => ({
  type: 'KeySourceChangeCompleted',
  data: { ...ref, requestedVersion, completedAt: at, ...outcome },
});
const applied = (requestedVersion: number, key?: KeyVaultKey) =>
  completed(requestedVersion, key ? { outcome: 'Applied', keySource: 'Microsoft.Keyvault', keyVaultProperties: key } : { outcome: 'Applied', keySource: 'Microsoft.Storage' });
const rejected = (requestedVersion: number) =>
  completed(requestedVersion, { outcome: 'Rejected', code: 'KeyVaultEncryptionKeyNotFound', message: 'The key vault key was not found or is revoked.' });

const stateOf = (history: DomainEvent[]) => versioned(history).reduce(evolve, initialState());
const patch = (encryption: EncryptionRequest, apiVersion?: string): StorageAccountCommand => ({
  type: 'UpdateStorageAccount',
  ...ref,
  now,
  settings: { encryption, ...(apiVersion && { apiVersion }) } satisfies AccountSettings,
});
const when = (history: DomainEvent[], command: StorageAccountCommand) => decide(command, stateOf(history));
const keyvault = (keyVaultProperties: EncryptionRequest['keyVaultProperties'] = vault): EncryptionRequest => ({ keySource: 'Microsoft.Keyvault', keyVaultProperties });
const record = (requestedVersion: number, outcome: KeySourceOutcome): StorageAccountCommand => ({
  type: 'RecordKeySourceOutcome',
  accountName: 'acct1',
  requestedVersion,
  outcome,
  now,
});

describe('keySource Microsoft.Keyvault: the request', () => {
  it('asks the key service for the customer key (keySource compared case-insensitively, as ARM does)', () => {
    expect(when([created()], patch(keyvault(), '2017-06-01'))).toEqual([requested(vault)]);
    expect(when([created()], patch({ keySource: 'microsoft.KEYVAULT', keyVaultProperties: vault }))).toEqual([requested(vault)]);
  });

  it('asks in the same decision as enabling encryption, and in the PUT that creates the account', () => {
    const events = decide(patch({ blob: true, ...keyvault() }), stateOf([created()]), { encryptionAtRest: { state: 'Registered', approvedAt: '2026-12-01T00:00:00.000Z' } });
    expect(events.map((e) => e.type)).toEqual(['EncryptionEnabled', 'KeySourceChangeRequested']);
    const put: StorageAccountCommand = { type: 'PutStorageAccount', ...ref, now, settings: { sku: 'Standard_LRS', kind: 'StorageV2', location: 'eastus', encryption: keyvault() } };
    expect(when([], put).map((e) => e.type)).toEqual(['StorageAccountCreated', 'KeySourceChangeRequested']);
  });

  it('asks to go back to Microsoft.Storage only when the account uses a customer key', () => {
    expect(when([created(), requested(vault), applied(2, vault)], patch({ keySource: 'Microsoft.Storage' }))).toEqual([requested()]);
    expect(when([created()], patch({ keySource: 'microsoft.storage' }))).toEqual([]);
  });

  it('asks nothing when the account already uses that key (vault, name and version compared case-insensitively)', () => {
    const history = [created(), requested(vault), applied(2, vault)];
    const same = { keyName: 'SSE-KEY', keyVersion: '0A1B2C3D', keyVaultUri: 'https://ContosoVault.vault.azure.net/' };
    expect(when(history, patch(keyvault(same)))).toEqual([]);
    expect(when(history, patch(keyvault({ ...vault, keyVersion: 'ffff' })))).toEqual([requested({ ...vault, keyVersion: 'ffff' })]);
  });

  it.each([
    ['keySource Microsoft.Keyvault without keyvaultproperties', { keySource: 'Microsoft.Keyvault' }, 'MissingKeyvaultProperties', /keyvaultproperties/],
    ['no keyversion', keyvault({ ...vault, keyVersion: undefined }), 'MissingKeyvaultProperties', /keyvaultproperties\.keyversion/],
    ['no keyname nor keyvaulturi', keyvault({ keyVersion: 'v1' }), 'MissingKeyvaultProperties', /keyname, encryption\.keyvaultproperties\.keyvaulturi/],
    ['an empty keyname', keyvault({ ...vault, keyName: '' }), 'MissingKeyvaultProperties', /keyname/],
    ['a key name with other characters', keyvault({ ...vault, keyName: 'sse key!' }), 'InvalidRequestPropertyValue', /keyvaultproperties\.keyname/],
    ['a key version with other characters', keyvault({ ...vault, keyVersion: '0a1b-2c' }), 'InvalidRequestPropertyValue', /keyvaultproperties\.keyversion/],
    ['a vault URI that is not a URL', keyvault({ ...vault, keyVaultUri: 'contosovault' }), 'InvalidRequestPropertyValue', /keyvaulturi/],
    ['a vault URI over http', keyvault({ ...vault, keyVaultUri: 'http://contosovault.vault.azure.net' }), 'InvalidRequestPropertyValue', /https:\/\/<vault name>/],
    ['a vault URI of another host', keyvault({ ...vault, keyVaultUri: 'https://contosovault.example.com' }), 'InvalidRequestPropertyValue', /keyvaulturi/],
    ['a key URI instead of the vault URI', keyvault({ ...vault, keyVaultUri: 'https://contosovault.vault.azure.net/keys/sse-key' }), 'InvalidRequestPropertyValue', /vault URI/],
    ['keyvaultproperties without keySource', { keyVaultProperties: vault }, 'InvalidRequestPropertyValue', /Send keySource Microsoft\.Keyvault/],
    ['keyvaultproperties with keySource Microsoft.Storage', { keySource: 'Microsoft.Storage', keyVaultProperties: vault }, 'InvalidRequestPropertyValue', /Microsoft\.Keyvault only/],
    ['an unknown key source', { keySource: 'Microsoft.KeyVaultManagedHsm' }, 'InvalidRequestPropertyValue', /Microsoft\.Storage, Microsoft\.Keyvault/],
  ])('refuses %s, writing nothing', (_what, encryption, code, message) => {
    expect(errorCodeOf(() => when([created()], patch(encryption as EncryptionRequest)))).toBe(code);
    expect(() => when([created()], patch(encryption as EncryptionRequest))).toThrow(message);
  });

  it('before api-version 2017-06-01: Microsoft.Keyvault refused as before, Microsoft.Storage accepted and changes nothing', () => {
    expect(errorCodeOf(() => when([created()], patch(keyvault(), '2016-12-01')))).toBe('InvalidRequestPropertyValue');
    expect(() => when([created()], patch(keyvault(), '2016-01-01'))).toThrow(/api-version 2017-06-01 or later/);
    // An old client restating Microsoft.Storage never undoes a customer-managed key.
    expect(when([created(), requested(vault), applied(2, vault)], patch({ keySource: 'Microsoft.Storage' }, '2016-12-01'))).toEqual([]);
    expect(when([created()], patch({ keySource: 'Microsoft.Storage', keyVaultProperties: vault }, '2016-12-01'))).toEqual([]);
  });

  it('refuses classic accounts, migrated or not, with the codes that refuse their encryption', () => {
    const classic = created({ deploymentModel: 'Classic' });
    const migrated: DomainEvent = { type: 'StorageAccountMigrated', data: { ...ref, from: 'Classic', to: 'ResourceManager', migratedAt: at } };
    expect(errorCodeOf(() => when([classic], patch(keyvault())))).toBe('EncryptionNotSupportedForClassicAccount');
    expect(errorCodeOf(() => when([classic, migrated], patch(keyvault())))).toBe('EncryptionNotSupportedForMigratedAccount');
  });

  it('refuses another change while one awaits the key service (409), but not other settings', () => {
    expect(errorCodeOf(() => when([created(), requested(vault)], patch({ keySource: 'Microsoft.Storage' })))).toBe('AnotherOperationInProgress');
    const tags: StorageAccountCommand = { type: 'UpdateStorageAccount', ...ref, now, settings: { tags: { a: '1' } } };
    expect(when([created(), requested(vault)], tags).map((e) => e.type)).toEqual(['StorageAccountUpdated']);
  });
});

describe('keySource Microsoft.Keyvault: the answer', () => {
  it('records Applied: the account uses the key, with the time it was applied', () => {
    const history = [created(), requested(vault)];
    expect(stateOf(history)?.encryption.keySourceRequest).toEqual({ version: 2, pending: true });
    const events = when(history, record(2, { outcome: 'Applied', keySource: 'Microsoft.Keyvault', keyVaultProperties: vault }));
    expect(events).toEqual([applied(2, vault)]);
    expect(stateOf([...history, ...events])?.encryption).toEqual({
      blobEnabled: false,
      keyVault: { ...vault, appliedAt: at },
      keySourceRequest: { version: 2, pending: false },
    });
  });

  it('keeps the time the key was first applied when the key service confirms the same key again', () => {
    const later = completed(4, { outcome: 'Applied', keySource: 'Microsoft.Keyvault', keyVaultProperties: vault });
    const first = { ...applied(2, vault), data: { ...(applied(2, vault).data as object), completedAt: '2026-12-03T00:00:00.000Z' } } as DomainEvent;
    expect(stateOf([created(), requested(vault), first, requested(vault), later])?.encryption.keyVault?.appliedAt).toBe('2026-12-03T00:00:00.000Z');
  });

  it('records Applied back to Microsoft.Storage: no customer key any more', () => {
    const history = [created(), requested(vault), applied(2, vault), requested()];
    const events = when(history, record(4, { outcome: 'Applied', keySource: 'Microsoft.Storage' }));
    expect(stateOf([...history, ...events])?.encryption).toEqual({ blobEnabled: false, keySourceRequest: { version: 4, pending: false } });
  });

  it('records Rejected: key source unchanged, and the handler finds the refusal for its request only', () => {
    const history = [created(), requested(vault)];
    const events = when(history, record(2, { outcome: 'Rejected', code: 'KeyVaultEncryptionKeyNotFound', message: 'The key vault key was not found or is revoked.' }));
    expect(events).toEqual([rejected(2)]);
    const account = stateOf([...history, ...events])!;
    expect(account.encryption.keyVault).toBeUndefined();
    expect(keySourceRefusal(account, 2)).toMatchObject({ code: 'KeyVaultEncryptionKeyNotFound', message: 'The key vault key was not found or is revoked.' });
    expect(keySourceRefusal(account, 5)).toBeUndefined();
    expect(keySourceRefusal(stateOf([created(), requested(vault), applied(2, vault)])!, 2)).toBeUndefined();
  });

  it('records one answer per request: a redelivered, stale or unasked answer changes nothing', () => {
    const answered = [created(), requested(vault), applied(2, vault)];
    expect(when(answered, record(2, { outcome: 'Applied', keySource: 'Microsoft.Storage' }))).toEqual([]);
    expect(when([created(), requested(vault)], record(1, { outcome: 'Applied', keySource: 'Microsoft.Storage' }))).toEqual([]);
    expect(when([created()], record(2, { outcome: 'Applied', keySource: 'Microsoft.Storage' }))).toEqual([]);
    expect(when([], record(2, { outcome: 'Applied', keySource: 'Microsoft.Storage' }))).toEqual([]);
  });

  it('keeps the key source through disabling and enabling blob encryption, and says it in EncryptionEnabled', () => {
    const disabled: DomainEvent = { type: 'EncryptionDisabled', data: { ...ref, services: ['blob'], disabledAt: at } };
    const history = [created(), requested(vault), applied(2, vault), disabled];
    expect(stateOf(history)?.encryption.keyVault).toEqual({ ...vault, appliedAt: at });
    const [enabled] = decide(patch({ blob: true }), stateOf(history), { encryptionAtRest: { state: 'Registered', approvedAt: '2026-12-01T00:00:00.000Z' } });
    expect(enabled.data).toMatchObject({ keySource: 'Microsoft.Keyvault' });
  });
});
