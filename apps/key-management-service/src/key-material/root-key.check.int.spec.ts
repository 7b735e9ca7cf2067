import { randomBytes } from 'node:crypto';
import { createTestContext, type TestContext } from '@atrest/testing';
import { startKms } from '../testing/kms.fixtures';

describe('root key check at start-up (in-process service, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  const original = randomBytes(32).toString('base64');

  beforeAll(async () => {
    ctx = await createTestContext('kms-root-key');
  });
  afterAll(() => ctx.dispose());

  it('refuses to start with another root key than the one the database was set up with, and starts again with the right one', async () => {
    const first = await startKms('kms-root-key', { ctx, rootKey: original });
    await first.close();

    await expect(startKms('kms-root-key', { ctx, rootKey: randomBytes(32).toString('base64') })).rejects.toThrow(
      'the root key (KMS_ROOT_KEY or KMS_ROOT_KEY_FILE) is not the one this database was set up with: its key rings cannot be opened.',
    );

    const again = await startKms('kms-root-key', { ctx, rootKey: original });
    try {
      expect((await fetch(`${again.base}/health`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
