import { ResourceManagementClient } from '@azure/arm-resources';
import { createTestContext, type TestContext } from '@atrest/testing';
import {
  armCall,
  CALLER,
  CALLER_TOKEN,
  noCredential,
  paths,
  sdkClientOptions,
  startFeatureService,
  streamMessagesOnKafka,
  type RunningService,
} from '../../../testing/feature-service.fixture';

const sub = (n: number) => `5f1e2d3c-0000-4000-8000-00000000000${n}`;

describe('Microsoft.Storage resource provider registration (service in-process, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let service: RunningService;

  beforeAll(async () => {
    ctx = await createTestContext('feature-providers');
    service = await startFeatureService(ctx);
  });
  afterAll(async () => {
    await service?.close();
    await ctx?.dispose();
  });

  it('answers NotRegistered for a subscription never seen, with the resource types', async () => {
    const reply = await armCall(service, 'GET', paths(sub(1)).provider);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: `/subscriptions/${sub(1)}/providers/Microsoft.Storage`,
      namespace: 'Microsoft.Storage',
      registrationState: 'NotRegistered',
    });
    expect(reply.body.resourceTypes.map((t: { resourceType: string }) => t.resourceType)).toEqual(
      expect.arrayContaining(['storageAccounts', 'checkNameAvailability', 'locations', 'operations']),
    );
    const accounts = reply.body.resourceTypes.find((t: { resourceType: string }) => t.resourceType === 'storageAccounts');
    expect(accounts.locations).toEqual(expect.arrayContaining(['East US', 'West Europe']));
  });

  it('registers at once, idempotently, and unregisters, answering the provider each time', async () => {
    const { provider } = paths(sub(2));
    const first = await armCall(service, 'POST', `${provider}/register`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ namespace: 'Microsoft.Storage', registrationState: 'Registered' });
    expect((await armCall(service, 'POST', `${provider}/register`)).body.registrationState).toBe('Registered');
    expect((await armCall(service, 'GET', provider)).body.registrationState).toBe('Registered');

    const unregistered = await armCall(service, 'POST', `${provider}/unregister`);
    expect(unregistered.status).toBe(200);
    expect(unregistered.body.registrationState).toBe('Unregistered');
    expect((await armCall(service, 'GET', provider)).body.registrationState).toBe('Unregistered');

    // One event per change (the repeated register added none), on Kafka via the outbox.
    const { raw, envelopes: mine } = await streamMessagesOnKafka(ctx, sub(2), 2);
    expect(mine.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'ResourceProviderUnregistered']);
    expect(mine[0].data).toEqual({ subscriptionId: sub(2), providerNamespace: 'Microsoft.Storage', at: expect.any(String) });
    expect(mine[0].metadata).toMatchObject({ actor: CALLER, correlationId: expect.any(String) });
    expect(raw.join('\n')).not.toContain(CALLER_TOKEN);
  });

  it('lists Microsoft.Features (always Registered) and Microsoft.Storage', async () => {
    await armCall(service, 'POST', `${paths(sub(3)).provider}/register`);
    const reply = await armCall(service, 'GET', `/subscriptions/${sub(3)}/providers`);
    expect(reply.status).toBe(200);
    expect(reply.body.value.map((p: { namespace: string; registrationState: string }) => [p.namespace, p.registrationState])).toEqual([
      ['Microsoft.Features', 'Registered'],
      ['Microsoft.Storage', 'Registered'],
    ]);
  });

  it('matches paths, subscription ids and namespaces case-insensitively, answering canonical names', async () => {
    const reply = await armCall(service, 'POST', `/SUBSCRIPTIONS/${sub(4).toUpperCase()}/Providers/microsoft.storage/REGISTER`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: `/subscriptions/${sub(4)}/providers/Microsoft.Storage`, registrationState: 'Registered' });
    expect((await armCall(service, 'GET', paths(sub(4)).provider)).body.registrationState).toBe('Registered');
    expect((await armCall(service, 'GET', `/subscriptions/${sub(4)}/resourceProviders-typo`)).status).toBe(404);
  });

  it('treats Microsoft.Features as always registered: register is a no-op, unregister is refused', async () => {
    const features = `/subscriptions/${sub(5)}/providers/Microsoft.Features`;
    expect((await armCall(service, 'POST', `${features}/register`)).body).toMatchObject({ registrationState: 'Registered' });
    const refused = await armCall(service, 'POST', `${features}/unregister`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ResourceProviderUnregistrationNotAllowed');
  });

  it('answers ARM errors for an unknown namespace and a malformed subscription id', async () => {
    for (const [method, suffix] of [['GET', ''], ['POST', '/register'], ['POST', '/unregister']] as const) {
      const reply = await armCall(service, method, `/subscriptions/${sub(6)}/providers/Microsoft.Compute${suffix}`);
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ error: { code: 'InvalidResourceNamespace', message: "The resource namespace 'Microsoft.Compute' is invalid." } });
    }
    const badId = await armCall(service, 'GET', `/subscriptions/${'x'.repeat(65)}/providers/Microsoft.Storage`);
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('InvalidSubscriptionId');
  });

  it('works unchanged with @azure/arm-resources ProvidersOperations', async () => {
    const client = new ResourceManagementClient(noCredential, sub(7), sdkClientOptions(service));
    client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
    expect((await client.providers.get('Microsoft.Storage')).registrationState).toBe('NotRegistered');
    const registered = await client.providers.register('Microsoft.Storage');
    expect(registered).toMatchObject({ namespace: 'Microsoft.Storage', registrationState: 'Registered' });
    expect(registered.resourceTypes?.map((t) => t.resourceType)).toContain('storageAccounts');
    const all = [];
    for await (const provider of client.providers.list()) all.push(provider.namespace);
    expect(all).toEqual(['Microsoft.Features', 'Microsoft.Storage']);
    expect((await client.providers.unregister('Microsoft.Storage')).registrationState).toBe('Unregistered');
    await expect(client.providers.get('Microsoft.Nope')).rejects.toMatchObject({ statusCode: 404, code: 'InvalidResourceNamespace' });
  });
});
