import { associatedData, DecryptionFailed, NONCE_BYTES, TAG_BYTES, type SecretKey } from '@atrest/crypto';

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
    const { nonce, ciphertext, tag } = this.key.seal(Buffer.from(value, 'base64'), aadOf(account, keyName));
    return SEALED_KEY_PREFIX + Buffer.concat([nonce, ciphertext, tag]).toString('base64');
  }

  open(account: string, keyName: AccountKeyName, stored: string): string {
    if (!AccountKeySeal.isSealed(stored)) throw new AccountKeyUnreadable(account, keyName);
    const bytes = Buffer.from(stored.slice(SEALED_KEY_PREFIX.length), 'base64');
    try {
      const sealed = { nonce: bytes.subarray(0, NONCE_BYTES), ciphertext: bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES), tag: bytes.subarray(bytes.length - TAG_BYTES) };
      return this.key.open(sealed, aadOf(account, keyName)).toString('base64');
    } catch (error) {
      if (error instanceof DecryptionFailed) throw new AccountKeyUnreadable(account, keyName);
      throw error;
    }
  }
}

const aadOf = (account: string, keyName: AccountKeyName) => associatedData(['atrest.account-key.v1', account, keyName]);
