/** A data key in the clear, as the key service issued or unwrapped it. */
export interface DataKeyRef {
  readonly keyId: string;
  readonly kekVersion: number;
}

interface Entry {
  readonly key: Buffer;
  readonly expiresAt: number;
}

/**
 * Unwrapped data keys for reads (docs/adr/0005): at most `maxEntries`, least
 * recently used evicted first, each dropped `ttlMs` after it was stored
 * (absolute, hits do not extend it), so a revoked key stops working here
 * within the TTL even if its revocation event never arrives.
 */
export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(account: string, ref: DataKeyRef): Buffer | undefined {
    const id = idOf(account, ref);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(id, entry); // most recently used last
    return entry.key;
  }

  set(account: string, ref: DataKeyRef, key: Buffer): void {
    const id = idOf(account, ref);
    this.entries.delete(id);
    this.entries.set(id, { key, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every key of the account (revocation, deleted ring). */
  dropAccount(account: string): void {
    const prefix = `${account}/`;
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

const idOf = (account: string, { keyId, kekVersion }: DataKeyRef): string => `${account}/${keyId}/${kekVersion}`;
