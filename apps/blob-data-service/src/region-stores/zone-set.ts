import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@atrest/contracts';
import type { StoreDatabase } from './region-store';

/** Errors that mean the zone's database cannot be reached (not that the statement is wrong). */
const UNREACHABLE_CODES = new Set(['3D000', '57P01', '57P02', '57P03', '53300']);
const zoneUnreachable = (error: unknown): boolean => {
  const { code, message } = error as { code?: string; message?: string };
  if (code) return UNREACHABLE_CODES.has(code) || code.startsWith('08') || code === 'ECONNREFUSED';
  return /connect|terminat|closed|timeout/i.test(message ?? '');
};

const READ = /^\s*(select|with(?![\s\S]*\b(insert|update|delete)\b))\b/i;

/**
 * The three zone copies of a region as one database (docs/adr/0007, "ZRS"):
 * a transaction is open in every zone at once and runs each statement on
 * zone 1, then 2, then 3 (so a writer waiting for a lock waits in zone 1
 * before it touches the others: zones never deadlock across each other);
 * the three commit before the write is acknowledged, or none does if the
 * work fails. Without two-phase commit a crash between the commits can
 * leave a zone behind (the ADR says what then). Reads outside transactions
 * go to the first zone that answers, so losing one zone copy loses no read;
 * writes need all three (503 ServerBusy otherwise).
 */
export class ZoneSet implements StoreDatabase {
  private readonly logger = new Logger(ZoneSet.name);

  constructor(
    private readonly region: string,
    private readonly zones: readonly StoreDatabase[],
  ) {}

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = (index: number, managers: EntityManager[]): Promise<T> =>
      index === this.zones.length
        ? work(fanOut(managers))
        : this.zones[index].transaction((manager) => open(index + 1, [...managers, manager]));
    try {
      return await open(0, []);
    } catch (error) {
      if (!zoneUnreachable(error)) throw error;
      this.logger.warn({ msg: 'a zone copy is unreachable: write refused', region: this.region, err: String(error) });
      throw new DomainError('ServerBusy', `A zone copy of region ${this.region} is unavailable; zone-redundant writes need all three. Please retry.`);
    }
  }

  async query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    if (!READ.test(sql)) return this.transaction((manager) => manager.query(sql, parameters));
    let lastError: unknown;
    for (const [index, zone] of this.zones.entries()) {
      try {
        return await zone.query<T>(sql, parameters);
      } catch (error) {
        if (!zoneUnreachable(error)) throw error;
        this.logger.warn({ msg: 'zone copy unreachable: reading the next', region: this.region, zone: index + 1, err: String(error) });
        lastError = error;
      }
    }
    throw new DomainError('ServerBusy', `No zone copy of region ${this.region} answers (${String(lastError)}). Please retry.`);
  }
}

/**
 * The manager a zone-redundant transaction's work gets: `query` runs on
 * every zone in order and answers zone 1's result. The store's code uses
 * nothing else of a manager; anything else fails loudly rather than
 * touching one zone only.
 */
const fanOut = (managers: readonly EntityManager[]): EntityManager =>
  new Proxy({} as EntityManager, {
    get: (_, property) => {
      if (property === 'query')
        return async (sql: string, parameters?: unknown[]) => {
          const [first, ...others] = managers;
          const result: unknown = await first.query(sql, parameters);
          for (const manager of others) await manager.query(sql, parameters);
          return result;
        };
      if (property === 'then') return undefined;
      throw new Error(`a zone-redundant transaction supports query() only, not ${String(property)}`);
    },
  });
