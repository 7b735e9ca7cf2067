import { Client } from 'pg';
import { waitFor } from '@atrest/testing';
import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../../testing/kms.fixtures';

interface DataKey {
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

describe('key rings follow account events on Kafka (in-process service, real Postgres and Kafka)', () => {
  let kms: KmsUnderTest;
  let db: Client;
  const now = () => new Date().toISOString();
  const generate = (accountName: string) => kms.call<DataKey>('POST', `/internal/accounts/${accountName}/data-keys`, undefined, BLOB_DATA_SERVICE_SECRET);
  const unwrap = (accountName: string, key: DataKey) =>
    kms.call('POST', `/internal/accounts/${accountName}/data-keys/unwrap`, { wrappedKey: key.wrappedKey, kekVersion: key.kekVersion }, BLOB_DATA_SERVICE_SECRET);
  const ringEvents = async (accountName: string): Promise<string[]> =>
    (await db.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`AccountKeyRing-${accountName}`])).rows.map(
      (row: { type: string }) => row.type,
    );
  const ringExists = async (accountName: string) => (await kms.call('GET', kms.encryptionKeysPath(accountName))).status === 200;

  beforeAll(async () => {
    kms = await startKms('kms-account-events');
    db = new Client({ connectionString: kms.ctx.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await kms.close();
  });

  it('creates one ring however often the account is announced (redelivery, StorageAccountCreated then EncryptionEnabled)', async () => {
    await kms.createAccount('dupacct');
    await kms.createAccount('dupacct');
    await kms.publishAccountEvent('dupacct', 'EncryptionEnabled', { services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now() });
    await kms.createAccount('marker1');
    expect(await ringEvents('dupacct')).toEqual(['KeyRingCreated']);
  });

  it('creates no ring for a classic account (no SSE for classic accounts, migrated or not)', async () => {
    await kms.publishAccountEvent('classicacct', 'StorageAccountCreated', {
      location: 'eastus',
      sku: 'Standard_LRS',
      kind: 'Storage',
      deploymentModel: 'Classic',
      createdAt: now(),
    });
    await kms.createAccount('marker2');
    expect(await ringEvents('classicacct')).toEqual([]);
    expect(await generate('classicacct')).toMatchObject({ status: 404, body: { error: { code: 'KeyRingNotFound' } } });
  });

  it('creates the ring on EncryptionEnabled for an account it never saw created', async () => {
    await kms.publishAccountEvent('lateacct', 'EncryptionEnabled', { services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now() });
    await waitFor(() => ringExists('lateacct'), { what: 'the ring of lateacct' });
    expect((await generate('lateacct')).status).toBe(200);
  });

  it('destroys the KEKs when the account is deleted: its data keys can never be unwrapped again; a new account of that name starts afresh', async () => {
    await kms.createAccount('goneacct');
    const old = (await generate('goneacct')).body;

    await kms.publishAccountEvent('goneacct', 'StorageAccountDeleted', { deletedAt: now() });
    await waitFor(async () => !(await ringExists('goneacct')), { what: 'the ring of goneacct to go' });
    expect(await ringEvents('goneacct')).toEqual(['KeyRingCreated', 'KeyRingDeleted']);
    expect((await db.query(`SELECT count(*)::int AS n FROM key_encryption_keys WHERE account_name = 'goneacct'`)).rows).toEqual([{ n: 0 }]);
    expect(await generate('goneacct')).toMatchObject({ status: 404, body: { error: { code: 'KeyRingNotFound' } } });
    expect(await unwrap('goneacct', old)).toMatchObject({ status: 404, body: { error: { code: 'KeyRingNotFound' } } });

    await kms.createAccount('goneacct');
    const fresh = (await generate('goneacct')).body;
    expect(fresh.kekVersion).toBe(2);
    expect(await unwrap('goneacct', old)).toMatchObject({ status: 404, body: { error: { code: 'KeyVersionNotFound' } } });
    expect((await unwrap('goneacct', fresh)).status).toBe(200);
  });
});
