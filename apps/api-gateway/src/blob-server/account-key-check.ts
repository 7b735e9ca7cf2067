import { SignatureMismatch } from '@atrest/azure-wire';
import type { AccountKeys, AccountKeysClient } from '../account-keys/account-keys.client';

/**
 * Checks a signature against the account's cached keys and, when none of
 * them made it, once more against the keys account-service has now (a key
 * regenerated since they were cached works at once; AccountKeysClient.refresh
 * says how often it may ask).
 */
export async function checkWithAccountKeys<T>(accountKeys: AccountKeysClient, account: string, cached: AccountKeys, verify: (keys: readonly string[]) => T): Promise<T> {
  try {
    return verify(cached.keys);
  } catch (error) {
    if (!(error instanceof SignatureMismatch)) throw error;
    const current = await accountKeys.refresh(account);
    if (!current || sameKeys(current.keys, cached.keys)) throw error;
    return verify(current.keys);
  }
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);
