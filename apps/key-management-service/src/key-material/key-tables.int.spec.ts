import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DecryptionFailed, unwrapKey } from '@atrest/crypto';
import { decodeWrappedDataKey } from '../data-keys/wrapped-data-key';
import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../testing/kms.fixtures';
import { customerKeyBinding, dekBinding, kekBinding } from './key-bindings';

interface DataKey {
  accountName: string;
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

interface KekRow {
  account_name: string;
  version: number;
  wrapped: Buffer;
  vault_name: string | null;
  key_name: string | null;
  key_version: string | null;
}

// Every table of the service's database, read raw: what an attacker with a
// database dump (and without the root key) would have.
const TABLES = ['key_encryption_keys', 'customer_keys', 'key_rings', 'root_key_check', 'key_audit', 'events', 'outbox', 'processed_events'];

/** Every value of a row as bytes: bytea as is; text and JSON as UTF-8, plus whatever base64 or hex inside them decodes to. */
const bytesOf = (value: unknown): Buffer[] => {
  if (value === null || value === undefined) return [];
  if (Buffer.isBuffer(value)) return [value];
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const decoded = [
    ...[...text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)].map((m) => Buffer.from(m[0], m[0].includes('-') || m[0].includes('_') ? 'base64url' : 'base64')),
    ...[...text.matchAll(/[0-9a-fA-F]{32,}/g)].map((m) => Buffer.from(m[0], 'hex')),
  ];
  return [Buffer.from(text, 'utf8'), ...decoded];
};

/** Every 32-byte window of a byte string: each is a candidate key an attacker could try. */
const windows = function* (bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at + 32 <= bytes.length; at++) yield bytes.subarray(at, at + 32);
};

const opens = (attempt: () => Buffer): boolean => {
  try {
    attempt();
    return true;
  } catch (error) {
    if (error instanceof DecryptionFailed) return false;
    throw error;
  }
};

describe('the key tables at rest (in-process service, real Postgres and Kafka)', () => {
  let kms: KmsUnderTest;
  let db: Client;
  const customerKey = randomBytes(32);
  const issued: DataKey[] = [];

  const generate = async (accountName: string) => {
    const { body } = await kms.call<Omit<DataKey, 'accountName'>>('POST', `/internal/accounts/${accountName}/data-keys`, undefined, BLOB_DATA_SERVICE_SECRET);
    issued.push({ accountName, ...body });
  };

  beforeAll(async () => {
    kms = await startKms('kms-key-tables');
    await Promise.all([kms.createAccount('rawacct'), kms.createAccount('rawcmkacct')]);
    await generate('rawacct');
    await kms.call('POST', kms.encryptionKeysPath('rawacct', '/rotate'));
    await generate('rawacct');
    await kms.call('PUT', '/operator/keyvault/rawvault/keys/k1/versions/v1', { key: customerKey.toString('base64') });
    await generate('rawcmkacct');
    const cmk = await kms.changeKeySource('rawcmkacct', { keyName: 'k1', keyVersion: 'v1', keyVaultUri: 'https://rawvault.vault.azure.net' });
    expect(cmk.type).toBe('CustomerManagedKeyConfigured');
    await generate('rawcmkacct');
    db = new Client({ connectionString: kms.ctx.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await kms.close();
  });

  const rowsOf = async (table: string): Promise<Record<string, unknown>[]> => (await db.query(`SELECT * FROM ${table}`)).rows;

  /** The KEKs in the clear, opened the legitimate way: with the root key (and the customer key it protects). */
  const openKeks = async (): Promise<Array<KekRow & { kek: Buffer }>> => {
    const root = Buffer.from(kms.rootKey, 'base64');
    const keks: KekRow[] = (await db.query('SELECT * FROM key_encryption_keys')).rows;
    const [stored] = (await db.query(`SELECT wrapped FROM customer_keys WHERE vault_name = 'rawvault'`)).rows as Array<{ wrapped: Buffer }>;
    const customer = unwrapKey(root, stored.wrapped, customerKeyBinding({ vaultName: 'rawvault', keyName: 'k1', keyVersion: 'v1' }));
    expect(customer.equals(customerKey)).toBe(true);
    return keks.map((row) => ({ ...row, kek: unwrapKey(row.vault_name ? customer : root, row.wrapped, kekBinding(row.account_name, row.version)) }));
  };

  it('hold no key in the clear: no root key, KEK, customer key or data key appears in any row, in any encoding', async () => {
    const plaintexts = [
      Buffer.from(kms.rootKey, 'base64'),
      customerKey,
      ...(await openKeks()).map((k) => k.kek),
      ...issued.map((k) => Buffer.from(k.dataKey, 'base64')),
    ];
    expect(plaintexts).toHaveLength(2 + 3 + issued.length);
    let cells = 0;
    for (const table of TABLES)
      for (const row of await rowsOf(table))
        for (const value of Object.values(row))
          for (const bytes of bytesOf(value)) {
            cells++;
            for (const secret of plaintexts) expect({ table, found: bytes.includes(secret) }).toEqual({ table, found: false });
          }
    expect(cells).toBeGreaterThan(50);
  });

  it('hold nothing that unwraps a stored KEK or an issued data key without the root key (every 32-byte window tried)', async () => {
    const keks: KekRow[] = (await db.query('SELECT * FROM key_encryption_keys')).rows;
    expect(keks.map((k) => `${k.account_name}/v${k.version}/${k.vault_name ?? 'root'}`).sort()).toEqual([
      'rawacct/v1/root',
      'rawacct/v2/root',
      'rawcmkacct/v1/rawvault',
    ]);
    let tried = 0;
    for (const table of TABLES)
      for (const row of await rowsOf(table))
        for (const value of Object.values(row))
          for (const bytes of bytesOf(value))
            for (const candidate of windows(bytes)) {
              tried++;
              for (const kek of keks) expect(opens(() => unwrapKey(candidate, kek.wrapped, kekBinding(kek.account_name, kek.version)))).toBe(false);
              for (const key of issued) {
                const { keyId, wrapped } = decodeWrappedDataKey(key.wrappedKey)!;
                expect(opens(() => unwrapKey(candidate, wrapped, dekBinding(key.accountName, key.kekVersion, keyId)))).toBe(false);
              }
            }
    expect(tried).toBeGreaterThan(1000);
  });

  it('do hold every key, under the root key: root -> (customer key) -> KEK -> each data key (the checks above could succeed)', async () => {
    const keks = await openKeks();
    for (const key of issued) {
      const { kek } = keks.find((k) => k.account_name === key.accountName && k.version === key.kekVersion)!;
      const { keyId, wrapped } = decodeWrappedDataKey(key.wrappedKey)!;
      expect(unwrapKey(kek, wrapped, dekBinding(key.accountName, key.kekVersion, keyId)).toString('base64')).toBe(key.dataKey);
    }
  });
});
