import { createHash } from 'node:crypto';
import { Client, type QueryConfig } from 'pg';

/**
 * How many statements one connection keeps prepared. Our SQL is built from
 * fixed texts (arrays via unnest, never a placeholder per value), so a
 * connection meets a few dozen; past the cap a text runs unnamed, as pg does
 * by default, so no caller can grow a backend's memory without bound.
 */
export const MAX_PREPARED_PER_CONNECTION = 256;

/** The name a text is prepared under: the same text, the same name, on every connection. */
export const preparedNameOf = (text: string): string => `atrest_${createHash('sha1').update(text).digest('base64url')}`;

/**
 * A pg client that prepares every parameterised statement under a name
 * derived from its text, so Postgres parses and plans it once per connection
 * instead of on every call (Bind/Execute only from the second time on).
 * Measured on the 4 KiB blob benchmark: Postgres used about a third less CPU,
 * small uploads gained about 30% and downloads about 50% (README,
 * Performance). Not for a transaction-pooling proxy (PgBouncer in transaction
 * mode) in front of Postgres, which cannot keep a session's statements.
 */
export class PreparingClient extends Client {
  /** Text -> name of the statements this connection has prepared (the name is hashed once per text). */
  private readonly prepared = new Map<string, string>();

  // pg's query is overloaded (config or text, values, callback, streams); only (text, values[, callback]) is rewritten.
  override query(...args: unknown[]): never {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      let name = this.prepared.get(text);
      if (!name && this.prepared.size < MAX_PREPARED_PER_CONNECTION) {
        name = preparedNameOf(text);
        this.prepared.set(text, name);
      }
      if (name) {
        const config: QueryConfig = { name, text, values };
        return (super.query as (...a: unknown[]) => never)(config, ...rest);
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
