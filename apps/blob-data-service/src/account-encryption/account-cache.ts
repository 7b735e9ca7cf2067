import type { DataPlaneAccount } from './data-plane-account';

/** Accounts kept at most; past it the oldest cached goes first. */
export const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * The accounts AccountDirectory found, kept only while every change to them
 * is sure to evict them: open while AccountChangeListener's LISTEN stands,
 * closed (empty, nothing kept) while it does not. A lookup takes a mark
 * before its query and may keep its row only if no notification (and no
 * opening or closing) came in between, so a row read just before a change
 * whose notification beat the reply is not kept.
 */
export class AccountCache {
  private readonly accounts = new Map<string, DataPlaneAccount>();
  private generation = 0;
  private listening = false;

  constructor(private readonly capacity = MAX_CACHED_ACCOUNTS) {}

  get(name: string): DataPlaneAccount | undefined {
    return this.accounts.get(name);
  }

  /** Taken before a lookup's query: what keep() compares. */
  mark(): number {
    return this.generation;
  }

  keep(mark: number, account: DataPlaneAccount): void {
    if (!this.listening || mark !== this.generation) return;
    this.accounts.delete(account.name);
    this.accounts.set(account.name, account);
    while (this.accounts.size > this.capacity) this.accounts.delete(this.accounts.keys().next().value!);
  }

  /** A committed change to the account's rows. */
  evict(name: string): void {
    this.generation++;
    this.accounts.delete(name);
  }

  /** LISTEN acknowledged: from now on every change is heard. */
  open(): void {
    this.generation++;
    this.listening = true;
  }

  /** The listener is gone: changes may go unheard, so nothing cached holds. */
  close(): void {
    this.generation++;
    this.listening = false;
    this.accounts.clear();
  }
}
