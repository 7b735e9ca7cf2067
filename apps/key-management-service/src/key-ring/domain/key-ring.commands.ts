import type { KeyVaultKey } from '@atrest/contracts';
import type { CustomerKeyRef, CustomerKeyStatus } from './customer-key';
import type { AccountPath } from './key-ring.errors';

/**
 * What can be asked of an account's key ring; `now` is an input, so decide
 * stays pure. The key-source commands answer the account's
 * KeySourceChangeRequested at `accountStreamVersion`.
 */
export type KeyRingCommand =
  | { readonly type: 'CreateKeyRing'; readonly account: AccountPath; readonly now: Date }
  | { readonly type: 'RotateKey'; readonly account: AccountPath; readonly now: Date }
  | {
      readonly type: 'ConfigureCustomerManagedKey';
      readonly account: AccountPath;
      readonly key: KeyVaultKey;
      /** The vault stand-in's answer for `key`, looked up by the handler. */
      readonly keyStatus: CustomerKeyStatus;
      readonly accountStreamVersion: number;
      readonly now: Date;
    }
  | { readonly type: 'RemoveCustomerManagedKey'; readonly account: AccountPath; readonly accountStreamVersion: number; readonly now: Date }
  | { readonly type: 'RevokeKey'; readonly key: CustomerKeyRef; readonly now: Date }
  | { readonly type: 'RestoreKey'; readonly key: CustomerKeyRef; readonly now: Date }
  | { readonly type: 'DeleteKeyRing'; readonly now: Date };
