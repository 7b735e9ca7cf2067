import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestContext, type TestContext } from '@atrest/testing';
import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../testing/kms.fixtures';

interface IssuedKey {
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
}

describe('root key check at start-up (in-process service, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  const original = randomBytes(32).toString('base64');

  beforeAll(async () => {
    ctx = await createTestContext('kms-root-key');
  });
  afterAll(() => ctx.dispose());

  const WRONG_ROOT = 'the root key (KMS_ROOT_KEY or KMS_ROOT_KEY_FILE) is not the one this database was set up with';

  it('refuses to start with another root key than the one the database was set up with, and starts again with the right one', async () => {
    const first = await startKms('kms-root-key', { ctx, rootKey: original });
    await first.close();

    await expect(startKms('kms-root-key', { ctx, rootKey: randomBytes(32).toString('base64') })).rejects.toThrow(
      `${WRONG_ROOT}: its key rings cannot be opened.`,
    );

    const again = await startKms('kms-root-key', { ctx, rootKey: original });
    try {
      expect((await fetch(`${again.base}/health`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('rotates the root key: started with a new one and the old as KMS_PREVIOUS_ROOT_KEY, it re-wraps KEKs and customer keys; data keys still unwrap; the old one alone is then refused', async () => {
    const unwrap = async (kms: KmsUnderTest, account: string, { wrappedKey, kekVersion }: IssuedKey) =>
      (await kms.call<{ dataKey: string }>('POST', `/internal/accounts/${account}/data-keys/unwrap`, { wrappedKey, kekVersion }, BLOB_DATA_SERVICE_SECRET)).body.dataKey;
    /** Each stored wrapped key by what it is: `kek <account> v<n>` or `customer key <vault>/<name>/<version>`. */
    const wrappedAtRest = async (kms: KmsUnderTest): Promise<Record<string, string>> => {
      const rows: Array<{ label: string; wrapped: Buffer }> = await kms.app.get(DataSource).query(
        `SELECT 'kek ' || account_name || ' v' || version AS label, wrapped FROM key_encryption_keys
         UNION ALL SELECT 'customer key ' || vault_name || '/' || key_name || '/' || key_version, wrapped FROM customer_keys`,
      );
      return Object.fromEntries(rows.map((row) => [row.label, row.wrapped.toString('hex')]));
    };

    const before = await startKms('kms-root-key', { ctx, rootKey: original });
    const issued = new Map<string, IssuedKey>();
    let storedBefore: Record<string, string>;
    try {
      await before.createAccount('rootrotacct');
      await before.createAccount('rootrotcmk');
      await before.call('PUT', '/operator/keyvault/rotvault/keys/k1/versions/v1', { key: randomBytes(32).toString('base64') });
      expect((await before.changeKeySource('rootrotcmk', { keyName: 'k1', keyVersion: 'v1', keyVaultUri: 'https://rotvault.vault.azure.net' })).type).toBe(
        'CustomerManagedKeyConfigured',
      );
      for (const account of ['rootrotacct', 'rootrotcmk'])
        issued.set(account, (await before.call<IssuedKey>('POST', `/internal/accounts/${account}/data-keys`, undefined, BLOB_DATA_SERVICE_SECRET)).body);
      storedBefore = await wrappedAtRest(before);
    } finally {
      await before.close();
    }

    const next = randomBytes(32).toString('base64');
    const rotated = await startKms('kms-root-key', { ctx, rootKey: next, previousRootKey: original });
    try {
      const storedAfter = await wrappedAtRest(rotated);
      expect(Object.keys(storedAfter).sort()).toEqual(Object.keys(storedBefore).sort());
      // Root-wrapped keys are re-wrapped; the CMK account's KEKs, wrapped by its customer key, are not.
      for (const [label, wrapped] of Object.entries(storedAfter))
        expect([label, wrapped === storedBefore[label] ? 'kept' : 'rewrapped']).toEqual([label, label.startsWith('kek rootrotcmk ') ? 'kept' : 'rewrapped']);
      expect(Object.keys(storedAfter)).toEqual(expect.arrayContaining(['kek rootrotacct v1', 'kek rootrotcmk v1', 'customer key rotvault/k1/v1']));
      for (const [account, key] of issued) expect(await unwrap(rotated, account, key)).toBe(key.dataKey);
    } finally {
      await rotated.close();
    }

    await expect(startKms('kms-root-key', { ctx, rootKey: original })).rejects.toThrow(`${WRONG_ROOT}: its key rings cannot be opened.`);
    await expect(startKms('kms-root-key', { ctx, rootKey: randomBytes(32).toString('base64'), previousRootKey: original })).rejects.toThrow(
      `${WRONG_ROOT}, nor is KMS_PREVIOUS_ROOT_KEY`,
    );
    const after = await startKms('kms-root-key', { ctx, rootKey: next });
    try {
      for (const [account, key] of issued) expect(await unwrap(after, account, key)).toBe(key.dataKey);
    } finally {
      await after.close();
    }
  });
});
