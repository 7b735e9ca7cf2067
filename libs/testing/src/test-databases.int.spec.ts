import { ABANDONED_AFTER_MS, adminQuery, dropAbandonedTestDatabases, newTestContextId, testDatabaseName } from './test-databases';
import { testInfrastructure } from './infrastructure/test-infrastructure';

describe('dropAbandonedTestDatabases', () => {
  it('drops the test databases older than a day and keeps the recent ones', async () => {
    const { databaseUrl } = testInfrastructure();
    const old = testDatabaseName(newTestContextId('sweep old', Date.now() - ABANDONED_AFTER_MS - 60_000), 'sibling');
    const recent = testDatabaseName(newTestContextId('sweep recent'), '');
    for (const name of [old, recent]) await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
    try {
      expect(await dropAbandonedTestDatabases(databaseUrl)).toContain(old);

      const left = (await adminQuery<{ datname: string }>(databaseUrl, 'SELECT datname FROM pg_database')).map((r) => r.datname);
      expect(left).toContain(recent);
      expect(left).not.toContain(old);
    } finally {
      for (const name of [old, recent]) await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}"`);
    }
  });
});
