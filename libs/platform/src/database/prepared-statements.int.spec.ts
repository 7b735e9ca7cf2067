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
