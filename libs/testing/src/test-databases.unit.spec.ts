import { ABANDONED_AFTER_MS, abandonedTestDatabases, newTestContextId, testDatabaseCreatedAt, testDatabaseName } from './test-databases';

describe('test database names', () => {
  const now = Date.UTC(2026, 11, 15, 12, 0, 0);

  it('carry their creation time to the second, within the 63 characters Postgres keeps of a name', () => {
    const id = newTestContextId('A label of more than twenty-three characters, shortened', now);
    const name = testDatabaseName(id, 'blobs_region_southeastasia');

    expect(id).toMatch(/^[0-9a-z]{6}_a_label_of_more_than_tw_[0-9a-f]{8}$/);
    expect(testDatabaseCreatedAt(name)).toBe(now);
    expect(testDatabaseCreatedAt(testDatabaseName(id, ''))).toBe(now);
    expect(testDatabaseCreatedAt(name.slice(0, 63))).toBe(now);
  });

  it('are abandoned once older than a day; names of other databases never are, even of the same shape with an earlier time', () => {
    const at = (ms: number) => testDatabaseName(newTestContextId('spec', now - ms), '');
    const old = at(ABANDONED_AFTER_MS + 1_000);
    const recent = at(ABANDONED_AFTER_MS - 1_000);

    const others = ['postgres', 't_x', 'atrest_blobs', 't_abc_def', 't_orders_archive_deadbeef', 't_region_1a2b3c4d_blobs'];
    expect(abandonedTestDatabases([old, recent, ...others], now + ABANDONED_AFTER_MS)).toEqual([old, recent]);
    expect(abandonedTestDatabases([old, recent, ...others], now)).toEqual([old]);
  });
});
