import { Query, type QueryConfig } from 'pg';

/** What of pg's (untyped) Connection a query writes its protocol messages with. */
interface ProtocolConnection {
  parse(statement: { text: string; name?: string; types?: unknown[] }): void;
  bind(portal: object): void;
  execute(portal: { portal: string }): void;
  submittedNamedStatements: Record<string, string>;
}

/** pg's Query internals this subclass builds on (pg 8: lib/query.js). */
interface QueryInternals {
  name?: string;
  text: string;
  types?: unknown[];
  hasBeenParsed(connection: ProtocolConnection): boolean;
  prepare(connection: ProtocolConnection): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
}

/** TypeORM's text for opening a transaction (PostgresQueryRunner), sent here as it would be alone. */
export const BEGIN = 'START TRANSACTION';

/**
 * A parameterised statement that opens the transaction it runs in: BEGIN
 * goes out in the same flush as the statement, before its Sync, so the two
 * cost one round trip instead of two (PreparingClient defers BEGIN to the
 * transaction's first statement). Only BEGIN's own completion is kept from
 * the caller, who gets the statement's result as usual.
 *
 * A named statement not yet prepared is parsed before BEGIN: if Postgres
 * refuses its text, nothing after runs (the protocol skips to Sync), so no
 * transaction is left open, and pg's note of what this connection has
 * prepared stays true (its "parsed" mark follows the first ParseComplete).
 */
export class TransactionOpeningQuery extends Query {
  private beginCompleted = false;

  constructor(config: QueryConfig, callback: (error: Error | null, result?: unknown) => void) {
    super({ ...config, callback } as QueryConfig);
  }

  prepare(connection: ProtocolConnection): void {
    const self = this as unknown as QueryInternals;
    if (self.name && !self.hasBeenParsed(connection)) {
      connection.parse({ text: self.text, name: self.name, types: self.types });
      connection.submittedNamedStatements[self.name] = self.text;
    }
    connection.parse({ text: BEGIN });
    connection.bind({});
    connection.execute({ portal: '' });
    (Query.prototype as unknown as QueryInternals).prepare.call(this, connection);
  }

  handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    if (!this.beginCompleted) {
      this.beginCompleted = true;
      return;
    }
    (Query.prototype as unknown as QueryInternals).handleCommandComplete.call(this, message, connection);
  }
}
