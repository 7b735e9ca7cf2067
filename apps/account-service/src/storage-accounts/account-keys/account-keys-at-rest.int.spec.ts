import { randomBytes } from 'node:crypto';
import { createTestContext, type TestContext } from '@atrest/testing';
import { accountPath, armClient, groupPath, SPEC_SEALING_KEY, startAccountService, type RunningService } from '../../testing/service-harness';

// Account keys at rest in account-service's own database (real Postgres):
// sealed, bound to their row and column, opened only by the sealing key the
// service runs with; plain keys from before sealing are sealed at start-up.

const sub = 'sub-keys-at-rest';
const create = { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' };

describe('account keys at rest', () => {
  let ctx: TestContext;
  let service: RunningService | undefined;
  let arm: ReturnType<typeof armClient>;

  const start = async (settings: Record<string, string> = {}) => {
    service = await startAccountService(ctx, settings);
    arm = armClient(service.url);
    return service;
  };
  const stop = async () => {
    await service?.close();
    service = undefined;
  };
  const keysOf = async (name: string): Promise<string[]> =>
    (await arm.post(`${accountPath(sub, 'rg', name)}/listKeys`)).body.keys.map((k: { value: string }) => k.value);
  const storedRow = async (name: string): Promise<{ key1: string; key2: string }> =>
    (await service!.db.query(`SELECT key1, key2 FROM storage_account_keys WHERE account_name = $1`, [name]))[0];

  beforeAll(async () => {
    ctx = await createTestContext('account-keys-at-rest');
    await start();
    await arm.put(groupPath(sub, 'rg'), { location: 'eastus' });
    for (const name of ['sealedacct', 'otheracct']) expect((await arm.put(accountPath(sub, 'rg', name), create)).status).toBe(200);
  });
  afterAll(async () => {
    await stop();
    await ctx.dispose();
  });

  it('stores neither key of an account in any form a dump could use; listKeys and the internal lookup give them back', async () => {
    const [key1, key2] = await keysOf('sealedacct');
    expect(Buffer.from(key1, 'base64')).toHaveLength(64);
    const row = await storedRow('sealedacct');
    expect(row.key1).toMatch(/^sealed\.v1:/);
    expect(row.key2).toMatch(/^sealed\.v1:/);
    const [{ dump }] = await service!.db.query(`SELECT string_agg(t::text, ' ') AS dump FROM storage_account_keys t`);
    for (const key of [key1, key2]) {
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    }
    expect((await arm.get('/internal/storageAccounts/sealedacct')).body.keys).toEqual([key1, key2]);

    const regenerated = (await arm.post(`${accountPath(sub, 'rg', 'sealedacct')}/regenerateKey`, { keyName: 'key1' })).body.keys;
    expect(regenerated[0].value).not.toBe(key1);
    expect((await storedRow('sealedacct')).key1).toMatch(/^sealed\.v1:/);
    expect(await keysOf('sealedacct')).toEqual([regenerated[0].value, key2]);
  });

  it('refuses a sealed key copied into another account\'s row: 500 InternalServerError, no key given out', async () => {
    const { key1: moved } = await storedRow('sealedacct');
    const { key1: original } = await storedRow('otheracct');
    await service!.db.query(`UPDATE storage_account_keys SET key1 = $1 WHERE account_name = 'otheracct'`, [moved]);
    try {
      const answer = await arm.post(`${accountPath(sub, 'rg', 'otheracct')}/listKeys`);
      expect(answer).toMatchObject({ status: 500, body: { error: { code: 'InternalServerError' } } });
      expect(JSON.stringify(answer.body)).not.toContain('sealed');
      expect((await arm.get('/internal/storageAccounts/otheracct')).status).toBe(500);
    } finally {
      await service!.db.query(`UPDATE storage_account_keys SET key1 = $1 WHERE account_name = 'otheracct'`, [original]);
    }
    expect(await keysOf('otheracct')).toHaveLength(2);
  });

  it('seals keys stored in plain text (before sealing existed) when it starts, keeping their values', async () => {
    const plain = [randomBytes(64).toString('base64'), randomBytes(64).toString('base64')];
    await service!.db.query(`UPDATE storage_account_keys SET key1 = $1, key2 = $2 WHERE account_name = 'otheracct'`, plain);
    await stop();
    await start();
    const row = await storedRow('otheracct');
    expect([row.key1, row.key2].every((stored) => stored.startsWith('sealed.v1:'))).toBe(true);
    expect(await keysOf('otheracct')).toEqual(plain);
  });

  it('rotates the sealing key: started with a new one and the old one as previous, every key is sealed again, values kept; then the old one alone is refused', async () => {
    const keys = { sealedacct: await keysOf('sealedacct'), otheracct: await keysOf('otheracct') };
    const before = await storedRow('sealedacct');
    const next = randomBytes(32).toString('base64');
    await stop();
    await start({ ACCOUNT_KEYS_SEALING_KEY: next, ACCOUNT_KEYS_PREVIOUS_SEALING_KEY: SPEC_SEALING_KEY });
    const after = await storedRow('sealedacct');
    expect(after.key1).not.toBe(before.key1);
    expect(after.key2).not.toBe(before.key2);
    expect({ sealedacct: await keysOf('sealedacct'), otheracct: await keysOf('otheracct') }).toEqual(keys);
    await stop();
    await expect(start()).rejects.toThrow('the sealing key (ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE) is not the one');
    await start({ ACCOUNT_KEYS_SEALING_KEY: next });
    expect(await keysOf('otheracct')).toEqual(keys.otheracct);
    await stop();
    await start({ ACCOUNT_KEYS_SEALING_KEY: SPEC_SEALING_KEY, ACCOUNT_KEYS_PREVIOUS_SEALING_KEY: next });
    expect(await keysOf('sealedacct')).toEqual(keys.sealedacct);
  });

  it('will not start with another sealing key, saying which setting is wrong; starts again with the original', async () => {
    const keys = await keysOf('sealedacct');
    await stop();
    const stranger = randomBytes(32).toString('base64');
    await expect(start({ ACCOUNT_KEYS_SEALING_KEY: stranger })).rejects.toThrow(
      'the sealing key (ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE) is not the one the account keys in this database were sealed with: they cannot be opened.',
    );
    await expect(start({ ACCOUNT_KEYS_SEALING_KEY: stranger, ACCOUNT_KEYS_PREVIOUS_SEALING_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(
      'were sealed with, nor is ACCOUNT_KEYS_PREVIOUS_SEALING_KEY: they cannot be opened.',
    );
    await start();
    expect(await keysOf('sealedacct')).toEqual(keys);
  });
});
