import { Client } from 'pg';
import { waitFor } from '@atrest/testing';
import { startBlobService, type BlobServiceUnderTest } from '../testing/blob-service.fixture';
import { AccountCache } from './account-cache';
import { LISTENER_APPLICATION_NAME } from './account-change-listener';
import { AccountDirectory } from './account-directory';

// The account lookup's cache against real Postgres: another instance's
// writes arrive as plain SQL on a connection of their own, as its projection
// would commit them, and are heard through the tables' triggers.

let blobs: BlobServiceUnderTest;
let directory: AccountDirectory;
let cache: AccountCache;
let otherInstance: Client;

beforeAll(async () => {
  blobs = await startBlobService('account-directory');
  directory = blobs.app.get(AccountDirectory);
  cache = blobs.app.get(AccountCache);
  otherInstance = new Client({ connectionString: await blobs.ctx.databaseUrlFor('blobs') });
  await otherInstance.connect();
}, 60_000);
afterAll(async () => {
  await otherInstance?.end();
  await blobs?.close();
});

const isLookup = (sql: unknown) => typeof sql === 'string' && sql.includes('FROM account_encryption_state a LEFT JOIN account_key_state');

/** The lookup's answer and how many account queries it made. */
const lookup = async (name: string) => {
  const spy = jest.spyOn(blobs.db, 'query');
  try {
    const account = await directory.find(name);
    return { account, queries: spy.mock.calls.filter(([sql]) => isLookup(sql)).length };
  } finally {
    spy.mockRestore();
  }
};

/**
 * Another instance's write, returning once its notification reached this process. A notification
 * still on its way when a lookup starts keeps that lookup from caching (any account's: the cache
 * has one generation), so the specs let each setup write be heard before they count queries.
 */
const heard = async (sql: string, parameters: unknown[] = []): Promise<void> => {
  const before = cache.mark();
  await otherInstance.query(sql, parameters);
  await waitFor(() => cache.mark() !== before, { what: 'the notification', timeoutMs: 5_000, intervalMs: 5 });
};
const addAccount = (name: string) =>
  heard(
    `INSERT INTO account_encryption_state (account_name, subscription_id, enabled, account_stream_version, updated_at, region, sku, kind, incarnation)
     VALUES ($1, 'sub-1', false, 1, now(), 'eastus', 'Standard_LRS', 'StorageV2', 1)`,
    [name],
  );
const enableEncryption = (name: string) => heard(`UPDATE account_encryption_state SET enabled = true, account_stream_version = 2 WHERE account_name = $1`, [name]);
/** Its notification reached this process: well before an acknowledgement could travel the outbox, relay and Kafka. */
const evicted = (name: string) => waitFor(() => cache.get(name) === undefined, { what: `${name} evicted`, timeoutMs: 2_000, intervalMs: 5 });

const listenerPid = async (): Promise<number | undefined> =>
  (
    await blobs.db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND query LIKE 'LISTEN%'`, [
      LISTENER_APPLICATION_NAME,
    ])
  )[0]?.pid;

describe('AccountDirectory: accounts cached while their change notifications are heard (real Postgres)', () => {
  it('answers a repeated lookup without a query, and an unknown account with one each time', async () => {
    await addAccount('cached');
    expect(await lookup('cached')).toMatchObject({ account: { name: 'cached', encryptionEnabled: false, keyRevoked: false }, queries: 1 });
    expect(await lookup('cached')).toMatchObject({ account: { name: 'cached' }, queries: 0 });
    expect(await lookup('nosuchaccount')).toEqual({ account: undefined, queries: 1 });
    expect(await lookup('nosuchaccount')).toEqual({ account: undefined, queries: 1 });
  });

  it("another instance's update of the account row is seen by the next lookup", async () => {
    await addAccount('toggled');
    await lookup('toggled');
    await enableEncryption('toggled');
    await evicted('toggled');
    expect(await lookup('toggled')).toMatchObject({ account: { encryptionEnabled: true }, queries: 1 });
    expect(await lookup('toggled')).toMatchObject({ account: { encryptionEnabled: true }, queries: 0 });
    // The tombstone too.
    await otherInstance.query(`UPDATE account_encryption_state SET deleted = true WHERE account_name = 'toggled'`);
    await evicted('toggled');
    expect(await lookup('toggled')).toEqual({ account: undefined, queries: 1 });
  });

  it('a change of the key state (revocation) is seen by the next lookup', async () => {
    await addAccount('revoked');
    expect((await lookup('revoked')).account?.keyRevoked).toBe(false);
    await otherInstance.query(`INSERT INTO account_key_state (account_name, revoked, key_stream_version, updated_at) VALUES ('revoked', true, 1, now())`);
    await evicted('revoked');
    expect(await lookup('revoked')).toMatchObject({ account: { keyRevoked: true }, queries: 1 });
    await otherInstance.query(`DELETE FROM account_key_state WHERE account_name = 'revoked'`);
    await evicted('revoked');
    expect(await lookup('revoked')).toMatchObject({ account: { keyRevoked: false }, queries: 1 });
  });

  it('a row read before a change whose notification arrives before the reply is answered but not kept', async () => {
    await addAccount('racing');
    const real = blobs.db.query.bind(blobs.db);
    // The row is read, then the change commits and is heard, then the reply is processed.
    const spy = jest.spyOn(blobs.db, 'query').mockImplementationOnce(async (sql: string, parameters?: unknown[]) => {
      const rows = await real(sql, parameters);
      const before = cache.mark();
      await enableEncryption('racing');
      await waitFor(() => cache.mark() !== before, { what: 'the notification', timeoutMs: 2_000, intervalMs: 5 });
      return rows;
    });
    try {
      expect((await directory.find('racing'))?.encryptionEnabled).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(cache.get('racing')).toBeUndefined();
    expect(await lookup('racing')).toMatchObject({ account: { encryptionEnabled: true }, queries: 1 });
  });

  it("while the listener's connection is lost every lookup reads the row, and caching resumes once it listens again", async () => {
    await addAccount('unheard');
    await lookup('unheard');
    const pid = await listenerPid();
    expect(pid).toBeDefined();
    await blobs.db.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await evicted('unheard');

    // Bypassed (the listener may already be back: then the change is heard and the lookup reads the row all the same).
    await enableEncryption('unheard');
    expect(await lookup('unheard')).toMatchObject({ account: { encryptionEnabled: true }, queries: 1 });

    await waitFor(async () => (await listenerPid()) !== undefined && (await listenerPid()) !== pid, { what: 'a new listener', timeoutMs: 10_000, intervalMs: 20 });
    await waitFor(async () => (await lookup('unheard')).queries === 0, { what: 'caching again', timeoutMs: 5_000, intervalMs: 20 });
    await otherInstance.query(`UPDATE account_encryption_state SET enabled = false WHERE account_name = 'unheard'`);
    await evicted('unheard');
    expect(await lookup('unheard')).toMatchObject({ account: { encryptionEnabled: false }, queries: 1 });
  });
});
