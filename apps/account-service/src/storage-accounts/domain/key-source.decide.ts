import type { DomainError, StorageAccountEvent } from '@atrest/contracts';
import { sameVaultKey, type KeySourceChoice } from './key-source-rules';
import { refOf, type StorageAccount, type StorageAccountState } from './storage-account';
import type { RecordKeySourceOutcome } from './storage-account.commands';
import {
  encryptionRefusedForClassicAccount,
  encryptionRefusedForMigratedAccount,
  keySourceChangeInProgress,
  keySourceChangeRejected,
} from './storage-account.errors';

const isCurrent = (account: StorageAccount, choice: KeySourceChoice): boolean => {
  const { keyVault } = account.encryption;
  return choice.keySource === 'Microsoft.Storage' ? !keyVault : keyVault !== undefined && sameVaultKey(keyVault, choice.keyVaultProperties);
};

/**
 * A change of key source is asked of key-management-service (it holds the
 * keys): KeySourceChangeRequested, answered on atrest.keys. Classic accounts,
 * migrated or not, have no SSE and so no key source; one change at a time, so
 * the answer recorded is the answer to the change the account shows.
 */
export const requestKeySourceChange = (account: StorageAccount, choice: KeySourceChoice | undefined, now: Date): StorageAccountEvent[] => {
  if (!choice) return [];
  if (account.deploymentModel === 'Classic') throw encryptionRefusedForClassicAccount(account.name);
  if (account.migratedFromClassic) throw encryptionRefusedForMigratedAccount(account.name);
  if (account.encryption.keySourceRequest?.pending) throw keySourceChangeInProgress(account.name);
  if (isCurrent(account, choice)) return [];
  const requestedAt = now.toISOString();
  return [
    choice.keySource === 'Microsoft.Keyvault'
      ? { type: 'KeySourceChangeRequested', data: { ...refOf(account), keySource: choice.keySource, keyVaultProperties: choice.keyVaultProperties, requestedAt } }
      : { type: 'KeySourceChangeRequested', data: { ...refOf(account), keySource: choice.keySource, requestedAt } },
  ];
};

/** Records the key service's answer once, and only to the request still waiting for it (answers arrive at least once). */
export const recordKeySourceOutcome = (command: RecordKeySourceOutcome, state: StorageAccountState): StorageAccountEvent[] => {
  const request = state?.encryption.keySourceRequest;
  if (!state || !request?.pending || request.version !== command.requestedVersion) return [];
  const completed = { ...refOf(state), requestedVersion: command.requestedVersion, completedAt: command.now.toISOString() };
  return [{ type: 'KeySourceChangeCompleted', data: { ...completed, ...command.outcome } }];
};

/** The refusal to answer the client with, if the key service refused the request committed at `version`. */
export const keySourceRefusal = (account: StorageAccount, version: number): DomainError | undefined => {
  const request = account.encryption.keySourceRequest;
  if (request?.version !== version || !request.rejection) return undefined;
  return keySourceChangeRejected(request.rejection.code, request.rejection.message);
};
