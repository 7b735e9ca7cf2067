import type { EntityManager } from 'typeorm';

/** Shifts the parameters $n of `sql` numbered `from` or more by `offset` (the SQL holds no other `$`). */
export const renumberParameters = (sql: string, offset: number, from = 1): string =>
  sql.replace(/\$(\d+)/g, (parameter, n: string) => (Number(n) >= from ? `$${Number(n) + offset}` : parameter));

interface BatchedStatement {
  readonly name: string;
  readonly sql: string;
  readonly onRows?: (rows: unknown[]) => void;
}

/**
 * The writes of one change, sent as one statement (one round trip): each
 * INSERT/UPDATE/DELETE, written with its own parameters from $1, becomes a
 * data-modifying CTE named `name` (never a table's name: it would hide the
 * table from the others). Mind what Postgres makes of that: every CTE works
 * on the snapshot the statement started with, none sees another's rows
 * except through a RETURNING it selects from by name, the order they run in
 * is unspecified (no two may touch one row), and foreign keys are checked
 * at the end of the statement, so a row may reference one inserted beside it.
 */
export class WriteBatch {
  private readonly statements: BatchedStatement[] = [];
  private readonly parameters: unknown[] = [];

  /** Adds a statement; `onRows` gets its RETURNING rows (as JSON) once the batch has run. */
  add(name: string, sql: string, parameters: readonly unknown[], onRows?: (rows: unknown[]) => void): void {
    if (this.statements.some((s) => s.name === name)) throw new Error(`write batch: a statement named ${name} is already in it`);
    this.statements.push({ name, sql: renumberParameters(sql, this.parameters.length), onRows });
    this.parameters.push(...parameters);
  }

  /** Runs every statement added (nothing when there is none). */
  async run(manager: EntityManager): Promise<void> {
    if (this.statements.length === 0) return;
    const returning = this.statements.filter((s) => s.onRows);
    const [row] = await manager.query<Array<Record<string, unknown[]>>>(
      `WITH ${this.statements.map((s) => `${s.name} AS (${s.sql})`).join(',\n')}
       SELECT ${returning.length === 0 ? 'true AS done' : returning.map((s) => `(SELECT coalesce(json_agg(r), '[]') FROM ${s.name} r) AS ${s.name}`).join(', ')}`,
      this.parameters,
    );
    for (const s of returning) s.onRows!(row[s.name]);
  }
}
