import { randomBytes } from 'node:crypto';
import { SecretKey } from '@atrest/crypto';
import { AccountKeySeal, AccountKeyUnreadable } from './account-key-seal';

describe('AccountKeySeal', () => {
  const seal = new AccountKeySeal(new SecretKey(randomBytes(32)));
  const key = randomBytes(64).toString('base64');

  it('seals a key so that neither its text nor its bytes are in what is stored, and opens it back', () => {
    const stored = seal.seal('acct', 'key1', key);
    expect(AccountKeySeal.isSealed(stored)).toBe(true);
    expect(stored).not.toContain(key);
    expect(Buffer.from(stored.slice('sealed.v1:'.length), 'base64').includes(Buffer.from(key, 'base64'))).toBe(false);
    expect(seal.open('acct', 'key1', stored)).toBe(key);
    expect(seal.seal('acct', 'key1', key)).not.toBe(stored);
  });

  it.each([
    ['under another account', 'other', 'key1'],
    ['as the other key', 'acct', 'key2'],
  ] as const)('refuses a sealed key moved %s', (_, account, keyName) => {
    expect(() => seal.open(account, keyName, seal.seal('acct', 'key1', key))).toThrow(AccountKeyUnreadable);
  });

  it('refuses an altered value, a value sealed under another key, and a plain one', () => {
    const stored = seal.seal('acct', 'key1', key);
    const bytes = Buffer.from(stored.slice('sealed.v1:'.length), 'base64');
    bytes[20] ^= 1;
    expect(() => seal.open('acct', 'key1', `sealed.v1:${bytes.toString('base64')}`)).toThrow(AccountKeyUnreadable);
    expect(() => seal.open('acct', 'key1', 'sealed.v1:AAAA')).toThrow(AccountKeyUnreadable);
    expect(() => new AccountKeySeal(new SecretKey(randomBytes(32))).open('acct', 'key1', stored)).toThrow(
      'key1 of storage account acct does not open with ACCOUNT_KEYS_SEALING_KEY',
    );
    expect(() => seal.open('acct', 'key1', key)).toThrow(AccountKeyUnreadable);
  });
});
