import { BLOB_DATA_SERVICE_SECRET, startKms, type KmsUnderTest } from '../../../testing/kms.fixtures';

interface DataKey {
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

describe('rotation (in-process service, real Postgres and Kafka)', () => {
  let kms: KmsUnderTest;
  const generate = (accountName: string) => kms.call<DataKey>('POST', `/internal/accounts/${accountName}/data-keys`, undefined, BLOB_DATA_SERVICE_SECRET);
  const unwrap = (accountName: string, key: { wrappedKey: string; kekVersion: number }) =>
    kms.call<{ dataKey: string; keyId: string }>('POST', `/internal/accounts/${accountName}/data-keys/unwrap`, key, BLOB_DATA_SERVICE_SECRET);
  const rewrap = (accountName: string, key: { wrappedKey: string; kekVersion: number }) =>
    kms.call<DataKey>('POST', `/internal/accounts/${accountName}/data-keys/rewrap`, key, BLOB_DATA_SERVICE_SECRET);

  beforeAll(async () => {
    kms = await startKms('kms-rotation');
    await kms.createAccount('rotacct');
  });
  afterAll(() => kms.close());

  it('creates the ring from StorageAccountCreated: version 1, Microsoft-managed, no key material in the view', async () => {
    const { status, body } = await kms.call('GET', kms.encryptionKeysPath('rotacct'));
    expect(status).toBe(200);
    expect(body).toEqual({
      id: '/subscriptions/sub-kms/resourceGroups/rg-kms/providers/Microsoft.Storage/storageAccounts/rotacct/encryptionKeys',
      name: 'encryptionKeys',
      type: 'Microsoft.Storage/storageAccounts/encryptionKeys',
      properties: {
        keySource: 'Microsoft.Storage',
        keyState: 'Enabled',
        currentVersion: 1,
        versions: [{ version: 1, creationTime: expect.any(String) }],
      },
    });
  });

  it('generate v1, rotate, generate v2; both unwrap; rewrap v1 -> v2 keeps the data key; both unwrap again', async () => {
    const v1 = await generate('rotacct');
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({ dataKey: expect.any(String), wrappedKey: expect.any(String), kekVersion: 1, keyId: expect.any(String) });
    expect(Buffer.from(v1.body.dataKey, 'base64')).toHaveLength(32);

    const rotated = await kms.call('POST', kms.encryptionKeysPath('rotacct', '/rotate'));
    expect(rotated.status).toBe(200);
    expect(rotated.body.properties).toMatchObject({ currentVersion: 2, versions: [{ version: 1 }, { version: 2 }] });

    const v2 = await generate('rotacct');
    expect(v2.body.kekVersion).toBe(2);
    expect(v2.body.dataKey).not.toBe(v1.body.dataKey);

    for (const key of [v1.body, v2.body]) {
      const opened = await unwrap('rotacct', key);
      expect(opened).toEqual({ status: 200, body: { dataKey: key.dataKey, keyId: key.keyId } });
    }

    const moved = await rewrap('rotacct', { wrappedKey: v1.body.wrappedKey, kekVersion: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ wrappedKey: expect.any(String), kekVersion: 2, keyId: v1.body.keyId });
    expect(moved.body).not.toHaveProperty('dataKey');
    expect(moved.body.wrappedKey).not.toBe(v1.body.wrappedKey);

    expect((await unwrap('rotacct', moved.body)).body.dataKey).toBe(v1.body.dataKey);
    // The old wrapped form still opens under v1 (data not yet re-wrapped stays readable).
    expect((await unwrap('rotacct', v1.body)).body.dataKey).toBe(v1.body.dataKey);
    // A key already under the newest version comes back as it is.
    expect((await rewrap('rotacct', v2.body)).body).toEqual({ wrappedKey: v2.body.wrappedKey, kekVersion: 2, keyId: v2.body.keyId });
  });

  it('refuses a wrapped key presented under the wrong version', async () => {
    const key = (await generate('rotacct')).body;
    const wrong = await unwrap('rotacct', { wrappedKey: key.wrappedKey, kekVersion: 1 });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { code: 'WrappedKeyRejected', message: expect.stringContaining("storage account 'rotacct'") } });
    expect((await unwrap('rotacct', { wrappedKey: key.wrappedKey, kekVersion: 9 })).body).toMatchObject({ error: { code: 'KeyVersionNotFound' } });
  });

  it('answers ResourceNotFound for an unknown account or the wrong resource group, KeyRingNotFound on the internal API', async () => {
    expect((await kms.call('POST', kms.encryptionKeysPath('nosuchacct', '/rotate'))).body).toMatchObject({ error: { code: 'ResourceNotFound' } });
    const wrongGroup = kms.encryptionKeysPath('rotacct').replace('rg-kms', 'other-rg');
    expect(await kms.call('GET', wrongGroup)).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound' } } });
    expect(await generate('nosuchacct')).toMatchObject({ status: 404, body: { error: { code: 'KeyRingNotFound' } } });
  });

  it('matches ARM paths case-insensitively', async () => {
    const upper = kms.encryptionKeysPath('rotacct').replace('/resourceGroups/', '/RESOURCEGROUPS/').replace('rg-kms', 'RG-KMS');
    expect((await kms.call('GET', upper)).status).toBe(200);
  });
});
