import type { DomainEvent, StorageAccountEvent } from '@atrest/contracts';
import { sameName, sameTags } from '../../common/same-name';
import { assertAccountFeaturesSupported } from './account-features';
import { assertEncryptionCanBeEnabled, assertEncryptionRequestSupported } from './encryption-rules';
import { recordKeySourceOutcome, requestKeySourceChange } from './key-source.decide';
import { parseKeySource } from './key-source-rules';
import { assertSkuFitsKind, assertValidAccountName, parseAccessTier, parseKind, parseLocation, parseMinimumTlsVersion, parseSku } from './account-values';
import { evolve, refOf, type DeploymentModel, type StorageAccount, type StorageAccountState } from './storage-account';
import type {
  AccountSettings,
  DecisionContext,
  EncryptionRequest,
  ImportClassicStorageAccount,
  MigrateToResourceManager,
  PutStorageAccount,
  StorageAccountCommand,
} from './storage-account.commands';
import {
  accountInAnotherResourceGroup,
  accountLocationChanged,
  accountNameTaken,
  accountNotClassic,
  accountNotFound,
  invalidValues,
  storageAccountNotFound,
} from './storage-account.errors';
import { exhaustive } from '../../common/exhaustive';

/** The account addressed by an ARM path, or ResourceNotFound when the name lives elsewhere. */
export const addressed = (state: StorageAccountState, command: { subscriptionId: string; resourceGroup: string; accountName: string }): StorageAccount => {
  if (!state || !sameName(state.subscriptionId, command.subscriptionId) || !sameName(state.resourceGroup, command.resourceGroup))
    throw storageAccountNotFound(command.accountName, command.resourceGroup);
  return state;
};

const blobEncryptionChange = (account: StorageAccount, request: EncryptionRequest, now: Date, context: DecisionContext): StorageAccountEvent[] => {
  if (request.blob === undefined || request.blob === account.encryption.blobEnabled) return [];
  if (!request.blob) return [{ type: 'EncryptionDisabled', data: { ...refOf(account), services: ['blob'], disabledAt: now.toISOString() } }];
  assertEncryptionCanBeEnabled(account, context.encryptionAtRest);
  const keySource = account.encryption.keyVault ? 'Microsoft.Keyvault' : 'Microsoft.Storage';
  return [{ type: 'EncryptionEnabled', data: { ...refOf(account), services: ['blob'], keySource, enabledAt: now.toISOString() } }];
};

/** `properties.encryption`: the request is validated whole before anything is decided, so bad input writes nothing. */
const encryptionChange = (account: StorageAccount, settings: AccountSettings, now: Date, context: DecisionContext): StorageAccountEvent[] => {
  const request = settings.encryption;
  if (!request) return [];
  assertEncryptionRequestSupported(request);
  const keySource = parseKeySource(request, settings.apiVersion);
  return [...blobEncryptionChange(account, request, now, context), ...requestKeySourceChange(account, keySource, now)];
};

const create = (
  command: PutStorageAccount | ImportClassicStorageAccount,
  deploymentModel: DeploymentModel,
  context: DecisionContext,
): StorageAccountEvent[] => {
  const { settings } = command;
  assertValidAccountName(command.accountName);
  assertAccountFeaturesSupported(settings.features);
  const sku = parseSku(settings.sku);
  const kind = parseKind(settings.kind);
  const location = parseLocation(settings.location);
  assertSkuFitsKind(sku, kind);
  const accessTier = parseAccessTier(settings.accessTier, kind, sku);
  const minimumTlsVersion = parseMinimumTlsVersion(settings.minimumTlsVersion);
  const created: StorageAccountEvent = {
    type: 'StorageAccountCreated',
    data: {
      subscriptionId: command.subscriptionId,
      resourceGroup: command.resourceGroup,
      accountName: command.accountName,
      location: location.name,
      sku,
      kind,
      ...(accessTier && { accessTier }),
      ...(settings.supportsHttpsTrafficOnly && { supportsHttpsTrafficOnly: true }),
      ...(minimumTlsVersion && { minimumTlsVersion }),
      tags: { ...settings.tags },
      deploymentModel,
      createdAt: command.now.toISOString(),
    },
  };
  return [created, ...encryptionChange(evolve(null, created)!, settings, command.now, context)];
};

/** Changes an existing account; sku, kind and location may be restated but not changed. */
const update = (account: StorageAccount, settings: AccountSettings, now: Date, context: DecisionContext): StorageAccountEvent[] => {
  assertAccountFeaturesSupported(settings.features);
  if (settings.location !== undefined) {
    const location = parseLocation(settings.location);
    if (location.name !== account.location)
      throw accountLocationChanged(account.name, account.location, account.resourceGroup, location.name);
  }
  if (settings.sku !== undefined && parseSku(settings.sku) !== account.sku)
    throw invalidValues('sku', `The sku of an existing account cannot be changed (it is ${account.sku}); create a new account with the sku you need.`);
  if (settings.kind !== undefined && parseKind(settings.kind) !== account.kind)
    throw invalidValues('kind', `The kind of an existing account cannot be changed (it is ${account.kind}).`);
  const tags = settings.tags ?? account.tags;
  const accessTier = settings.accessTier === undefined ? account.accessTier : parseAccessTier(settings.accessTier, account.kind, account.sku);
  const httpsOnly = settings.supportsHttpsTrafficOnly ?? account.supportsHttpsTrafficOnly ?? false;
  const minimumTlsVersion = parseMinimumTlsVersion(settings.minimumTlsVersion) ?? account.minimumTlsVersion;
  const unchanged =
    sameTags(tags, account.tags) &&
    accessTier === account.accessTier &&
    httpsOnly === (account.supportsHttpsTrafficOnly ?? false) &&
    minimumTlsVersion === account.minimumTlsVersion;
  const updated: StorageAccountEvent[] = unchanged
    ? []
    : [
        {
          type: 'StorageAccountUpdated',
          data: {
            ...refOf(account),
            tags: { ...tags },
            ...(accessTier && { accessTier }),
            supportsHttpsTrafficOnly: httpsOnly,
            ...(minimumTlsVersion && { minimumTlsVersion }),
            updatedAt: now.toISOString(),
          },
        },
      ];
  return [...updated, ...encryptionChange(account, settings, now, context)];
};

const put = (command: PutStorageAccount, state: StorageAccountState, context: DecisionContext): StorageAccountEvent[] => {
  if (!state) return create(command, 'ResourceManager', context);
  if (!sameName(state.subscriptionId, command.subscriptionId)) throw accountNameTaken(command.accountName);
  if (!sameName(state.resourceGroup, command.resourceGroup)) throw accountInAnotherResourceGroup(command.accountName);
  return update(state, command.settings, command.now, context);
};

const migrate = (command: MigrateToResourceManager, state: StorageAccountState): StorageAccountEvent[] => {
  if (!state) throw accountNotFound(command.accountName);
  if (state.deploymentModel !== 'Classic') throw accountNotClassic(command.accountName);
  const data = { ...refOf(state), resourceGroup: command.resourceGroup, from: 'Classic', to: 'ResourceManager', migratedAt: command.now.toISOString() } as const;
  return [{ type: 'StorageAccountMigrated', data }];
};

/** Pure: the events a command produces on an account, or a DomainError saying why not. */
export const decide = (command: StorageAccountCommand, state: StorageAccountState, context: DecisionContext = {}): DomainEvent[] => {
  switch (command.type) {
    case 'PutStorageAccount':
      return put(command, state, context);
    case 'UpdateStorageAccount':
      return update(addressed(state, command), command.settings, command.now, context);
    case 'RegenerateKey': {
      const account = addressed(state, command);
      const keyName = command.keyName.toLowerCase();
      if (keyName !== 'key1' && keyName !== 'key2') throw invalidValues('keyName', 'keyName must be key1 or key2.');
      return [{ type: 'StorageAccountKeysRegenerated', data: { ...refOf(account), keyName, regeneratedAt: command.now.toISOString() } }];
    }
    case 'DeleteStorageAccount': {
      // ARM deletes are idempotent: deleting what is not there changes nothing.
      if (!state || !sameName(state.subscriptionId, command.subscriptionId) || !sameName(state.resourceGroup, command.resourceGroup)) return [];
      return [{ type: 'StorageAccountDeleted', data: { ...refOf(state), deletedAt: command.now.toISOString() } }];
    }
    case 'ImportClassicStorageAccount':
      if (state) throw accountNameTaken(command.accountName);
      return create(command, 'Classic', context);
    case 'MigrateToResourceManager':
      return migrate(command, state);
    case 'RecordKeySourceOutcome':
      return recordKeySourceOutcome(command, state);
    default:
      return exhaustive(command, 'storage account command');
  }
};
