import type { KeyBinding } from '@atrest/crypto';
import type { CustomerKeyRef } from '../key-ring/domain/customer-key';

// What each wrapped key is bound to (AES-GCM associated data): a key wrapped
// for one account, version, key id or vault key cannot be unwrapped as another.

export const kekBinding = (accountName: string, version: number): KeyBinding => ['kek', accountName, version];

export const dekBinding = (accountName: string, kekVersion: number, keyId: string): KeyBinding => ['dek', accountName, kekVersion, keyId];

export const customerKeyBinding = ({ vaultName, keyName, keyVersion }: CustomerKeyRef): KeyBinding => [
  'customer-key',
  vaultName,
  keyName,
  keyVersion,
];
