import { createTestContext, TestContext } from '@atrest/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { MAX_PREPARED_PER_CONNECTION, preparedNameOf } from './prepared-statements';

let context: TestContext;
let dataSource: DataSource;
let runner: QueryRunner;

beforeAll(async () => {
  context = await createTestContext('prepared-statements');
  // openDatabase opens it as services do (postgresDataSourceOptions).
  dataSource = await context.openDatabase([], 'prepared');
  runner = dataSource.createQueryRunner();
  await runner.connect();
});

afterAll(async () => {
  await runner?.release();
  await context?.dispose();
});

const preparedOn = async (connection: QueryRunner): Promise<string[]> =>
  (await connection.query(`SELECT name FROM pg_prepared_statements`)).map((row: { name: string }) => row.name);
const preparedOnThisConnection = () => preparedOn(runner);

describe('PreparingClient (every atrest pool connection)', () => {
  it('prepares a parameterised statement under a name derived from its text, once, and answers as an unnamed one would', async () => {
    const text = `SELECT $1::int + 1 AS next`;
    expect(await runner.query(text, [41])).toEqual([{ next: 42 }]);
    expect(await runner.query(text, [1])).toEqual([{ next: 2 }]);
    const names = await preparedOnThisConnection();
    expect(names.filter((name) => name === preparedNameOf(text))).toHaveLength(1);
  });

  it('leaves statements without parameters unnamed (transactions, DDL)', async () => {
    await runner.startTransaction();
    await runner.query(`CREATE TEMP TABLE probe (n int)`);
    await runner.query(`INSERT INTO probe VALUES ($1)`, [7]);
    expect(await runner.query(`SELECT n FROM probe`)).toEqual([{ n: 7 }]);
    await runner.rollbackTransaction();
    const names = await preparedOnThisConnection();
    expect(names).toContain(preparedNameOf(`INSERT INTO probe VALUES ($1)`));
    expect(names).not.toContain(preparedNameOf(`SELECT n FROM probe`));
  });

  it('a failing statement fails as before and the connection stays usable', async () => {
    await expect(runner.query(`SELECT 1 / $1::int AS q`, [0])).rejects.toThrow(/division by zero/);
    expect(await runner.query(`SELECT 1 / $1::int AS q`, [1])).toEqual([{ q: 1 }]);
    // A text Postgres cannot parse is never taken for prepared: the second try fails the same way.
    for (let attempt = 0; attempt < 2; attempt++) await expect(runner.query(`SELEC $1::int`, [1])).rejects.toThrow(/syntax error/);
    expect(await runner.query(`SELECT $1::int AS n`, [5])).toEqual([{ n: 5 }]);
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} statements per connection; further texts still run, unnamed`, async () => {
    const fresh = dataSource.createQueryRunner();
    try {
      for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 10; i++) expect(await fresh.query(`SELECT $1::int + ${i} AS n`, [1])).toEqual([{ n: 1 + i }]);
      expect((await preparedOn(fresh)).length).toBe(MAX_PREPARED_PER_CONNECTION);
    } finally {
      await fresh.release();
    }
  });
});

describe('PreparingClient: BEGIN goes out with the first statement of a transaction', () => {
  /** Round trips of `runner`'s connection while `work` runs: each ends with a ReadyForQuery. */
  const roundTrips = async (connection: QueryRunner, work: () => Promise<unknown>): Promise<number> => {
    const client = (await connection.connect()) as { connection: NodeJS.EventEmitter };
    let count = 0;
    const count1 = () => count++;
    client.connection.on('readyForQuery', count1);
    try {
      await work();
    } finally {
      client.connection.off('readyForQuery', count1);
    }
    return count;
  };
  const inTransaction = async (connection: QueryRunner): Promise<boolean> =>
    (await connection.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL OR now() <> statement_timestamp() AS open`))[0].open;

  beforeAll(() => runner.query(`CREATE TABLE IF NOT EXISTS begin_probe (n int PRIMARY KEY)`));

  it('commits and rolls back as before, a write transaction one round trip shorter', async () => {
    const trips = await roundTrips(runner, async () => {
      await runner.startTransaction();
      await runner.query(`INSERT INTO begin_probe VALUES ($1)`, [1]);
      await runner.commitTransaction();
    });
    expect(trips).toBe(2);
    await runner.startTransaction();
    await runner.query(`INSERT INTO begin_probe VALUES ($1)`, [2]);
    expect(await inTransaction(runner)).toBe(true);
    await runner.rollbackTransaction();
    expect(await runner.query(`SELECT n FROM begin_probe ORDER BY n`)).toEqual([{ n: 1 }]);
  });

  it('sends nothing for a transaction that ends before any statement', async () => {
    expect(
      await roundTrips(runner, async () => {
        await runner.startTransaction();
        await runner.commitTransaction();
        await runner.startTransaction();
        await runner.rollbackTransaction();
      }),
    ).toBe(0);
    expect(await inTransaction(runner)).toBe(false);
  });

  it('a first statement that fails, to run or to parse, leaves the connection usable and out of any transaction', async () => {
    for (const [text, error] of [
      [`SELECT 1 / $1::int AS q`, /division by zero/],
      [`SELEC $1::int AS never_parsed`, /syntax error/],
    ] as const) {
      for (let attempt = 0; attempt < 2; attempt++) {
        await runner.startTransaction();
        await expect(runner.query(text, [0])).rejects.toThrow(error);
        await runner.rollbackTransaction();
        expect(await inTransaction(runner)).toBe(false);
      }
    }
    expect(await runner.query(`SELECT 1 / $1::int AS q`, [1])).toEqual([{ q: 1 }]);
  });

  it('a first statement without parameters (DDL, savepoints) follows a BEGIN of its own', async () => {
    await runner.startTransaction();
    await runner.query(`CREATE TEMP TABLE ddl_probe (n int); INSERT INTO ddl_probe VALUES (3)`);
    await runner.startTransaction(); // a savepoint
    await runner.query(`INSERT INTO ddl_probe VALUES ($1)`, [4]);
    await runner.rollbackTransaction();
    expect(await runner.query(`SELECT n FROM ddl_probe`)).toEqual([{ n: 3 }]);
    await runner.rollbackTransaction();
    await expect(runner.query(`SELECT n FROM ddl_probe`)).rejects.toThrow(/does not exist/);
  });
});
