import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let now = 0;
  const cache = () => new ExpiringCache<string, string>(3, () => now);

  beforeEach(() => (now = 1_000));

  it('answers an entry until its own time-to-live has passed, then forgets it', () => {
    const entries = cache();
    entries.set('long', 'a', 5_000);
    entries.set('short', 'b', 1_000);
    now += 999;
    expect([entries.get('long'), entries.get('short')]).toEqual(['a', 'b']);
    now += 1;
    expect([entries.get('long'), entries.get('short')]).toEqual(['a', undefined]);
    now += 4_000;
    expect(entries.get('long')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('tells how long ago a live entry was stored', () => {
    const entries = cache();
    expect(entries.ageOf('k')).toBeUndefined();
    entries.set('k', 'v', 1_000);
    now += 400;
    expect(entries.ageOf('k')).toBe(400);
    entries.set('k', 'v2', 1_000);
    expect(entries.ageOf('k')).toBe(0);
    now += 1_000;
    expect(entries.ageOf('k')).toBeUndefined();
  });

  it('stores nothing with a time-to-live of 0 (caching switched off), and drops what the key held', () => {
    const entries = cache();
    entries.set('k', 'old', 5_000);
    entries.set('k', 'new', 0);
    expect(entries.get('k')).toBeUndefined();
  });

  it('holds at most maxEntries, forgetting the oldest first', () => {
    const entries = cache();
    for (const key of ['a', 'b', 'c', 'd']) entries.set(key, key.toUpperCase(), 5_000);
    expect(entries.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((key) => entries.get(key))).toEqual([undefined, 'B', 'C', 'D']);
  });

  it('counts a replaced entry as new', () => {
    const entries = cache();
    for (const key of ['a', 'b', 'c']) entries.set(key, key, 5_000);
    entries.set('a', 'again', 5_000);
    entries.set('d', 'd', 5_000);
    expect(['a', 'b', 'c', 'd'].map((key) => entries.get(key))).toEqual(['again', undefined, 'c', 'd']);
  });
});
