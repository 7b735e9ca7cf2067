import { EventStore } from '@atrest/event-store';
import { createTestContext, type TestContext } from '@atrest/testing';
import { accountPath, armClient, groupPath, startAccountService, type RunningService } from '../testing/service-harness';
import { resourceGroupStreamId } from './domain/resource-group';

const sub = 'sub-rg-spec';

describe('resource groups over ARM (account-service in-process, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let service: RunningService;
  let arm: ReturnType<typeof armClient>;
  let store: EventStore;

  beforeAll(async () => {
    ctx = await createTestContext('resource-groups');
    service = await startAccountService(ctx);
    arm = armClient(service.url);
    store = new EventStore(service.db);
  });
  afterAll(async () => {
    await service?.close();
    await ctx.dispose();
  });

  it('creates (201), updates (200), reads and lists groups, with paths matched case-insensitively', async () => {
    const created = await arm.put(groupPath(sub, 'Web-RG'), { location: 'East US', tags: { env: 'dev' }, unknownField: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: `/subscriptions/${sub}/resourceGroups/Web-RG`,
      name: 'Web-RG',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'eastus',
      tags: { env: 'dev' },
      properties: { provisioningState: 'Succeeded' },
    });

    const updated = await arm.put(`/subscriptions/${sub}/resourceGroups/web-rg`, { location: 'eastus', tags: { env: 'prod' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Web-RG', tags: { env: 'prod' } });

    expect((await arm.get(`/SUBSCRIPTIONS/${sub}/ResourceGroups/WEB-RG`)).body).toEqual(updated.body);
    await arm.put(groupPath(sub, 'another'), { location: 'westus' });
    const list = await arm.get(`/subscriptions/${sub}/resourcegroups`);
    expect(list.body.value.map((g: { name: string }) => g.name)).toEqual(['another', 'Web-RG']);
    expect((await store.readStream(resourceGroupStreamId(sub, 'web-rg'))).map((e) => e.type)).toEqual(['ResourceGroupCreated', 'ResourceGroupUpdated']);
  });

  it.each([
    ['an invalid name', 'bad name!', { location: 'eastus' }, 400, 'InvalidResourceGroup'],
    ['no location', 'no-location', {}, 400, 'LocationRequired'],
    ['an unknown location', 'on-mars', { location: 'mars' }, 400, 'LocationNotAvailableForResourceGroup'],
  ])('refuses %s with an ARM error and writes nothing', async (_what, name, body, status, code) => {
    const answer = await arm.put(groupPath(sub, encodeURIComponent(name)), body);
    expect(answer).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await store.readStream(resourceGroupStreamId(sub, name))).toEqual([]);
  });

  it('refuses a location change, and malformed JSON', async () => {
    await arm.put(groupPath(sub, 'fixed'), { location: 'eastus' });
    expect(await arm.put(groupPath(sub, 'fixed'), { location: 'westus' })).toMatchObject({ status: 409, body: { error: { code: 'InvalidResourceGroupLocation' } } });
    // The code comes from libs/azure-wire's filter (Nest hands it the parse error as a BadRequestException).
    expect(await arm.raw('PUT', groupPath(sub, 'malformed'), '{"location": ')).toEqual({
      status: 400,
      body: { error: { code: expect.any(String), message: expect.stringContaining('JSON') } },
    });
    expect(await store.readStream(resourceGroupStreamId(sub, 'malformed'))).toEqual([]);
  });

  it('refuses to delete a group that holds a storage account, deletes it once empty, then answers ResourceGroupNotFound', async () => {
    await arm.put(groupPath(sub, 'busy'), { location: 'eastus' });
    expect((await arm.put(accountPath(sub, 'busy', 'rgspecacct'), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' })).status).toBe(200);

    const blocked = await arm.delete(groupPath(sub, 'busy'));
    expect(blocked).toMatchObject({ status: 409, body: { error: { code: 'ResourceGroupDeletionBlocked', message: expect.stringContaining("'rgspecacct'") } } });
    expect((await arm.get(groupPath(sub, 'busy'))).status).toBe(200);

    expect((await arm.delete(accountPath(sub, 'busy', 'rgspecacct'))).status).toBe(200);
    expect((await arm.delete(groupPath(sub, 'busy'))).status).toBe(200);
    expect(await arm.get(groupPath(sub, 'busy'))).toMatchObject({ status: 404, body: { error: { code: 'ResourceGroupNotFound' } } });
    expect(await arm.delete(groupPath(sub, 'busy'))).toMatchObject({ status: 404, body: { error: { code: 'ResourceGroupNotFound' } } });
    expect((await store.readStream(resourceGroupStreamId(sub, 'busy'))).map((e) => e.type)).toEqual(['ResourceGroupCreated', 'ResourceGroupDeleted']);
  });

  it('never lets an account be created in a group being deleted: one of the two wins, cleanly', async () => {
    for (let round = 0; round < 5; round++) {
      const group = `race-${round}`;
      await arm.put(groupPath(sub, group), { location: 'eastus' });
      const [account, deletion] = await Promise.all([
        arm.put(accountPath(sub, group, `racer${round}`), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' }),
        arm.delete(groupPath(sub, group)),
      ]);
      const groupExists = (await arm.get(groupPath(sub, group))).status === 200;
      if (account.status === 200) {
        expect(deletion.status).toBe(409);
        expect(groupExists).toBe(true);
      } else {
        expect(account.body.error.code).toBe('ResourceGroupNotFound');
        expect(deletion.status).toBe(200);
        expect(groupExists).toBe(false);
      }
    }
  });
});
