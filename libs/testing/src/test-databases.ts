import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Older than this, a test database is one a run that crashed or was killed left behind: no run lasts a day. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * A test context's id: `<creation time>_<label>_<random>`, the time in
 * base-36 seconds (six characters until the end of 2038), so a later run can tell how
 * old a database named after it is: the time comes first, so it survives
 * Postgres cutting a long name to 63 characters. 39 characters at most.
 */
export const newTestContextId = (label: string, now = Date.now()): string =>
  `${Math.floor(now / 1000).toString(36)}_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 23)}_${randomBytes(4).toString('hex')}`;

export const testDatabaseName = (contextId: string, suffix: string): string => (suffix ? `t_${contextId}_${suffix}` : `t_${contextId}`);

/** `t_<time>_<label>_<random>[_<suffix>]`, as newTestContextId and testDatabaseName make them. */
const TEST_DATABASE_NAME = /^t_([0-9a-z]{6})_[a-z0-9_]*?_[0-9a-f]{8}(?:_|$)/;

/** No test database of atrest is older than this: a name that reads as earlier is some other database's. */
const NAMED_SINCE = Date.UTC(2026, 10, 1);

/** When the database was created, read from its name; undefined for a name not made by newTestContextId. */
export const testDatabaseCreatedAt = (name: string): number | undefined => {
  const time = TEST_DATABASE_NAME.exec(name)?.[1];
  const createdAt = time === undefined ? undefined : parseInt(time, 36) * 1000;
  return createdAt !== undefined && createdAt >= NAMED_SINCE ? createdAt : undefined;
};

/** The test databases among `names` older than ABANDONED_AFTER_MS. */
export const abandonedTestDatabases = (names: readonly string[], now = Date.now()): string[] =>
  names.filter((name) => {
    const createdAt = testDatabaseCreatedAt(name);
    return createdAt !== undefined && now - createdAt > ABANDONED_AFTER_MS;
  });

/** `url` with its database replaced. */
export const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** One statement on the server's maintenance database (`postgres`); returns its rows. */
export const adminQuery = async <R extends Record<string, unknown> = Record<string, unknown>>(url: string, sql: string): Promise<R[]> => {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
};

/**
 * Drops the test databases earlier runs left behind (a spec file's own are
 * dropped by its TestContext.dispose, unless the run died first); the
 * server is the machine's, kept from run to run. Returns their names.
 */
export const dropAbandonedTestDatabases = async (url: string, now = Date.now()): Promise<string[]> => {
  const names = (await adminQuery<{ datname: string }>(url, `SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'`)).map((r) => r.datname);
  const abandoned = abandonedTestDatabases(names, now);
  for (const name of abandoned) await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return abandoned;
};
