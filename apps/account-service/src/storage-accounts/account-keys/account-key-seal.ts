import { associatedData, DecryptionFailed, sealedBytes, sealedFrom, type SecretKey } from '@atrest/crypto';

export type AccountKeyName = 'key1' | 'key2';

/** How a sealed key is stored: this prefix, then base64 of [nonce][ciphertext][tag]. */
export const SEALED_KEY_PREFIX = 'sealed.v1:';

/** A stored key that does not open: altered or moved in the database, or sealed under another key. */
export class AccountKeyUnreadable extends Error {
  constructor(account: string, keyName: AccountKeyName) {
    super(`${keyName} of storage account ${account} does not open with ACCOUNT_KEYS_SEALING_KEY (sealed under another key, or altered in the database)`);
  }
}

/**
 * Account keys at rest: each sealed with AES-256-GCM under the sealing key,
 * bound to its account and key name, so a value copied to another row or
 * column no longer opens. A database dump holds no usable Shared Key.
 */
export class AccountKeySeal {
  constructor(private readonly key: SecretKey) {}

  static isSealed(stored: string): boolean {
    return stored.startsWith(SEALED_KEY_PREFIX);
  }

  /** `value` is the key as clients use it (base64). */
  seal(account: string, keyName: AccountKeyName, value: string): string {
    return SEALED_KEY_PREFIX + sealedBytes(this.key.seal(Buffer.from(value, 'base64'), aadOf(account, keyName))).toString('base64');
  }

  open(account: string, keyName: AccountKeyName, stored: string): string {
    const value = this.tryOpen(account, keyName, stored);
    if (value === undefined) throw new AccountKeyUnreadable(account, keyName);
    return value;
  }

  /** The key, or undefined if `stored` does not open under this key (plain, altered, moved, or sealed under another). */
  tryOpen(account: string, keyName: AccountKeyName, stored: string): string | undefined {
    if (!AccountKeySeal.isSealed(stored)) return undefined;
    try {
      return this.key.open(sealedFrom(Buffer.from(stored.slice(SEALED_KEY_PREFIX.length), 'base64')), aadOf(account, keyName)).toString('base64');
    } catch (error) {
      if (error instanceof DecryptionFailed) return undefined;
      throw error;
    }
  }
}

const aadOf = (account: string, keyName: AccountKeyName) => associatedData(['atrest.account-key.v1', account, keyName]);
