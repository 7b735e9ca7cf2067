import { randomBytes } from 'node:crypto';
import { DataKeyCache } from './data-key-cache';
import { isWriteKeySpent, MAX_PACKAGES_PER_KEY, type WriteKey } from './write-key';

const ref = (n: number) => ({ keyId: `key-${n}`, kekVersion: 1 });

describe('DataKeyCache', () => {
  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = new DataKeyCache(2, 60_000, () => 0);
    const [k1, k2, k3] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    cache.set('acct', ref(1), k1);
    cache.set('acct', ref(2), k2);
    expect(cache.get('acct', ref(1))).toBe(k1); // 1 is now the most recent
    cache.set('acct', ref(3), k3);
    expect([cache.get('acct', ref(1)), cache.get('acct', ref(2)), cache.get('acct', ref(3))]).toEqual([k1, undefined, k3]);
    expect(cache.size).toBe(2);
  });

  it('expires an entry ttl after it was stored, however often it is hit', () => {
    let now = 1_000;
    const cache = new DataKeyCache(10, 60_000, () => now);
    const key = randomBytes(32);
    cache.set('acct', ref(1), key);
    for (now = 1_000; now < 61_000; now += 10_000) expect(cache.get('acct', ref(1))).toBe(key);
    now = 61_000;
    expect(cache.get('acct', ref(1))).toBeUndefined();
  });

  it('drops every key of one account (revocation) and no other', () => {
    const cache = new DataKeyCache(10, 60_000);
    cache.set('acct', ref(1), randomBytes(32));
    cache.set('acct', { keyId: 'key-1', kekVersion: 2 }, randomBytes(32));
    cache.set('acct2', ref(1), randomBytes(32));
    cache.dropAccount('acct');
    expect([cache.get('acct', ref(1)), cache.get('acct', { keyId: 'key-1', kekVersion: 2 })]).toEqual([undefined, undefined]);
    expect(cache.get('acct2', ref(1))).toBeDefined();
  });
});

describe('write key retirement', () => {
  const key = (issuedAt: number, sealed: number): WriteKey => ({ ...ref(1), key: randomBytes(32), wrappedKey: 'w', issuedAt, sealed });

  it('retires a key after its lifetime or its package budget, whichever comes first', () => {
    expect(isWriteKeySpent(key(0, 0), 59_999, 60_000)).toBe(false);
    expect(isWriteKeySpent(key(0, 0), 60_000, 60_000)).toBe(true);
    expect(isWriteKeySpent(key(0, MAX_PACKAGES_PER_KEY - 1), 1, 60_000)).toBe(false);
    expect(isWriteKeySpent(key(0, MAX_PACKAGES_PER_KEY), 1, 60_000)).toBe(true);
    expect(MAX_PACKAGES_PER_KEY).toBe(2 ** 28);
  });
});
