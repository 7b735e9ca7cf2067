import { BLOB_DATA_SERVICE_SECRET, REPLICATOR_SECRET, startKms, type KmsUnderTest } from '../../testing/kms.fixtures';

interface DataKey {
  dataKey: string;
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

interface AuditRecord {
  id: number;
  at: string;
  client: string;
  operation: string;
  account: string;
  kekVersion: number | null;
  keyId: string | null;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  requestId: string | null;
}

describe('who may use data keys (in-process service, real Postgres and Kafka)', () => {
  let kms: KmsUnderTest;
  let key: DataKey;
  const dataKeys = (accountName: string, suffix = '') => `/internal/accounts/${accountName}/data-keys${suffix}`;
  const auditOf = async (query: string) => (await kms.call<{ value: AuditRecord[] }>('GET', `/operator/key-audit?${query}`)).body.value;

  beforeAll(async () => {
    kms = await startKms('kms-callers');
    await Promise.all([kms.createAccount('accounta'), kms.createAccount('accountb')]);
    key = (await kms.call<DataKey>('POST', dataKeys('accounta'), undefined, BLOB_DATA_SERVICE_SECRET)).body;
  });
  afterAll(() => kms.close());

  it('refuses a caller without a credential (401), with an unknown one (401) or a non-Bearer scheme (401)', async () => {
    expect(await kms.call('POST', dataKeys('accounta'))).toEqual({
      status: 401,
      body: { error: { code: 'AuthenticationFailed', message: 'A client credential (Authorization: Bearer <secret>) is required.' } },
    });
    expect(await kms.call('POST', dataKeys('accounta', '/unwrap'), { wrappedKey: key.wrappedKey, kekVersion: 1 }, 'not-a-known-secret-at-all-000000000')).toEqual({
      status: 401,
      body: { error: { code: 'AuthenticationFailed', message: 'The client credential is not valid.' } },
    });
    const basic = await fetch(`${kms.base}${dataKeys('accounta')}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`blob-data-service:${BLOB_DATA_SERVICE_SECRET}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it("refuses the replicator's identity (known, not authorized to use keys) with 403", async () => {
    for (const [suffix, body] of [['', undefined], ['/unwrap', { wrappedKey: key.wrappedKey, kekVersion: 1 }], ['/rewrap', { wrappedKey: key.wrappedKey, kekVersion: 1 }]] as const) {
      expect(await kms.call('POST', dataKeys('accounta', suffix), body, REPLICATOR_SECRET)).toEqual({
        status: 403,
        body: { error: { code: 'AuthorizationFailed', message: "The client 'replicator-service' is not allowed to use data keys." } },
      });
    }
  });

  it("refuses to unwrap or rewrap account A's key as account B (the wrapped key is bound to its account)", async () => {
    const asB = await kms.call('POST', dataKeys('accountb', '/unwrap'), { wrappedKey: key.wrappedKey, kekVersion: 1 }, BLOB_DATA_SERVICE_SECRET);
    expect(asB).toMatchObject({ status: 403, body: { error: { code: 'WrappedKeyRejected' } } });
    expect(JSON.stringify(asB.body)).not.toContain(key.dataKey);
    expect(
      await kms.call('POST', dataKeys('accountb', '/rewrap'), { wrappedKey: key.wrappedKey, kekVersion: 1 }, BLOB_DATA_SERVICE_SECRET),
    ).toMatchObject({ status: 403, body: { error: { code: 'WrappedKeyRejected' } } });

    // Tampering with the key id (in the clear, but authenticated) or any wrapped byte is refused the same way.
    const bytes = Buffer.from(key.wrappedKey, 'base64');
    for (const at of [0, 15, 16, 40, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[at] ^= 0x01;
      const result = await kms.call('POST', dataKeys('accounta', '/unwrap'), { wrappedKey: tampered.toString('base64'), kekVersion: 1 }, BLOB_DATA_SERVICE_SECRET);
      expect(result).toMatchObject({ status: 403, body: { error: { code: 'WrappedKeyRejected' } } });
    }
    expect(
      (await kms.call('POST', dataKeys('accounta', '/unwrap'), { wrappedKey: 'bm90IGEga2V5', kekVersion: 1 }, BLOB_DATA_SERVICE_SECRET)).body,
    ).toMatchObject({ error: { code: 'WrappedKeyRejected' } });
    expect((await kms.call('POST', dataKeys('accounta', '/unwrap'), { wrappedKey: key.wrappedKey }, BLOB_DATA_SERVICE_SECRET)).body).toMatchObject({
      error: { code: 'InvalidRequestContent', message: expect.stringContaining('kekVersion') },
    });
  });

  it('audits every issue, unwrap and refusal: who, which account, which key version and key, when, allowed or denied', async () => {
    const entries = await auditOf('limit=1000');
    const summary = entries.map((e) => [e.client, e.operation, e.account, e.outcome, e.reason]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['blob-data-service', 'generate', 'accounta', 'allowed', null],
        ['anonymous', 'generate', 'accounta', 'denied', 'AuthenticationFailed'],
        ['unknown', 'unwrap', 'accounta', 'denied', 'AuthenticationFailed'],
        ['replicator-service', 'generate', 'accounta', 'denied', 'AuthorizationFailed'],
        ['replicator-service', 'unwrap', 'accounta', 'denied', 'AuthorizationFailed'],
        ['replicator-service', 'rewrap', 'accounta', 'denied', 'AuthorizationFailed'],
        ['blob-data-service', 'unwrap', 'accountb', 'denied', 'WrappedKeyRejected'],
        ['blob-data-service', 'rewrap', 'accountb', 'denied', 'WrappedKeyRejected'],
      ]),
    );
    const issue = entries.find((e) => e.operation === 'generate' && e.outcome === 'allowed')!;
    expect(issue).toMatchObject({ kekVersion: 1, keyId: key.keyId, requestId: expect.any(String) });
    expect(entries.find((e) => e.account === 'accountb' && e.operation === 'unwrap')).toMatchObject({ kekVersion: 1, keyId: key.keyId });
    // No key material in the audit trail.
    expect(JSON.stringify(entries)).not.toContain(key.dataKey);
  });

  it('filters the audit by account and time, and bounds the page', async () => {
    expect((await auditOf('account=accountb')).every((e) => e.account === 'accountb')).toBe(true);
    const all = await auditOf('account=accounta&limit=1000');
    const later = await auditOf(`account=accounta&from=${encodeURIComponent(all[3].at)}&limit=1000`);
    expect(later.length).toBeLessThan(all.length);
    expect(later.every((e) => e.at >= all[3].at)).toBe(true);
    expect(await auditOf('limit=2')).toHaveLength(2);
    expect(await kms.call('GET', '/operator/key-audit?limit=0')).toMatchObject({ status: 400, body: { error: { code: 'InvalidQueryParameterValue' } } });
  });
});
