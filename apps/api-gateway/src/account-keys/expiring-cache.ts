/**
 * A bounded map whose entries expire, each after the time-to-live it was
 * stored with. Full, it forgets its oldest entry: unknown account names
 * (cached too, briefly) cannot grow it without limit.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; storedAt: number; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    return this.live(key)?.value;
  }

  /** How long ago the entry was stored (undefined: none, or expired). */
  ageOf(key: K): number | undefined {
    const entry = this.live(key);
    return entry && this.now() - entry.storedAt;
  }

  set(key: K, value: V, ttlMs: number): void {
    this.entries.delete(key);
    if (ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    const now = this.now();
    this.entries.set(key, { value, storedAt: now, expiresAt: now + ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: K): { value: V; storedAt: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry;
    this.entries.delete(key);
    return undefined;
  }
}
