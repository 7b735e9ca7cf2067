import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { dataPlaneState, startBlobDataService } from '../testing/blob-data-service.harness';
import { accountPath, armClient, featureEvents, groupPath, startAccountService, type RunningService } from '../testing/service-harness';

const sub = 'sub-ack-timeout';
const enable = { properties: { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } } };

describe('encryption change while the data plane is down (account-service alone, then blob-data-service joins)', () => {
  let ctx: TestContext;
  let accounts: RunningService;
  let blobs: RunningService | undefined;

  beforeAll(async () => {
    ctx = await createTestContext('encryption-ack-timeout');
    accounts = await startAccountService(ctx, { ENCRYPTION_ACK_TIMEOUT_MS: '1500' });
    const publish = featureEvents(ctx);
    await publish(sub, 'FeatureRegistered', new Date(Date.now() - 60_000));
    await waitFor(async () => (await accounts.db.query(`SELECT 1 FROM feature_registrations WHERE subscription_key = $1 AND state = 'Registered'`, [sub])).length === 1, {
      what: 'the subscription registered in account-service',
    });
  });
  afterAll(async () => {
    await Promise.all([accounts?.close(), blobs?.close()]);
    await ctx.dispose();
  });

  it('answers 200 Updating after ENCRYPTION_ACK_TIMEOUT_MS, and GET turns Succeeded once the data plane applied it', async () => {
    const arm = armClient(accounts.url);
    await arm.put(groupPath(sub, 'rg'), { location: 'eastus' });
    const path = accountPath(sub, 'rg', 'slowplane');
    await arm.put(path, { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' });

    const started = Date.now();
    const answer = await arm.patch(path, enable);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(answer.status).toBe(200);
    expect(answer.body.properties).toMatchObject({ provisioningState: 'Updating', encryption: { services: { blob: { enabled: true } } } });
    expect((await arm.get(path)).body.properties.provisioningState).toBe('Updating');

    blobs = await startBlobDataService(ctx);
    await waitFor(async () => (await arm.get(path)).body.properties.provisioningState === 'Succeeded', {
      what: 'provisioningState Succeeded after the data plane caught up',
      timeoutMs: 30_000,
    });
    expect(await dataPlaneState(blobs, 'slowplane')).toEqual({ enabled: true, version: 2 });
  });
});
