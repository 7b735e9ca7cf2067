import { AccountCache } from './account-cache';
import type { DataPlaneAccount } from './data-plane-account';

const account = (name: string): DataPlaneAccount => ({
  name,
  subscriptionId: 'sub-1',
  region: 'eastus',
  sku: 'Standard_LRS',
  kind: 'StorageV2',
  encryptionEnabled: false,
  incarnation: 1,
  keyRevoked: false,
});

const opened = (capacity?: number) => {
  const cache = new AccountCache(capacity);
  cache.open();
  return cache;
};

describe('AccountCache', () => {
  it('keeps nothing until opened, and forgets everything when closed', () => {
    const cache = new AccountCache();
    cache.keep(cache.mark(), account('a'));
    expect(cache.get('a')).toBeUndefined();
    cache.open();
    cache.keep(cache.mark(), account('a'));
    expect(cache.get('a')).toEqual(account('a'));
    cache.close();
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep a row read before a notification, an opening or a closing', () => {
    const cache = opened();
    for (const between of [() => cache.evict('other'), () => cache.open()]) {
      const mark = cache.mark();
      between();
      cache.keep(mark, account('a'));
      expect(cache.get('a')).toBeUndefined();
    }
    const mark = cache.mark();
    cache.close();
    cache.open();
    cache.keep(mark, account('a'));
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the notified account only', () => {
    const cache = opened();
    cache.keep(cache.mark(), account('a'));
    cache.keep(cache.mark(), account('b'));
    cache.evict('a');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, account('b')]);
  });

  it('holds at most its capacity, dropping the oldest cached first', () => {
    const cache = opened(2);
    for (const name of ['a', 'b', 'c']) cache.keep(cache.mark(), account(name));
    expect(['a', 'b', 'c'].map((name) => cache.get(name)?.name)).toEqual([undefined, 'b', 'c']);
  });
});
