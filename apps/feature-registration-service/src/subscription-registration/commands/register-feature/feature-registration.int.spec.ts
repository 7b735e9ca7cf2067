import { FeatureClient } from '@azure/arm-features';
import type { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations } from '@atrest/event-store';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import {
  armCall,
  CALLER,
  CALLER_TOKEN,
  noCredential,
  paths,
  sdkClientOptions,
  signUp,
  startFeatureService,
  streamMessagesOnKafka,
  type RunningService,
} from '../../../testing/feature-service.fixture';
import { ENCRYPTION_AT_REST, featuresOf, STORAGE_NAMESPACE } from '../../domain/provider-catalog';
import { evolve, initialState, registrationStreamId } from '../../domain/subscription-registration';
import { featureResponse } from '../../responses/feature.response';
import { providerResponse } from '../../responses/provider.response';

const APPROVAL_DELAY_MS = 1_000;
const sub = (n: number) => `0c9a4f2e-0000-4000-8000-00000000000${n}`;

describe('EncryptionAtRest feature registration, auto-approval policy (service in-process, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let service: RunningService;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await createTestContext('feature-auto');
    service = await startFeatureService(ctx, { FEATURE_APPROVAL_POLICY: 'auto', FEATURE_APPROVAL_DELAY_MS: String(APPROVAL_DELAY_MS) });
    db = await ctx.openDatabase(eventStoreMigrations);
  });
  afterAll(async () => {
    await service?.close();
    await ctx?.dispose();
  });

  const featureState = async (subscriptionId: string) => (await armCall(service, 'GET', paths(subscriptionId).feature)).body.properties?.state;

  it('refuses the feature before the Microsoft.Storage provider is registered, saying what to do', async () => {
    const reply = await armCall(service, 'POST', `${paths(sub(1)).feature}/register`);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('ResourceProviderNotRegistered');
    expect(reply.body.error.message).toContain(`POST /subscriptions/${sub(1)}/providers/Microsoft.Storage/register`);
    expect(await featureState(sub(1))).toBe('NotRegistered');
  });

  it('goes Pending, is approved by the policy after the delay (not before), and says Registered', async () => {
    const requestedAt = Date.now();
    const reply = await signUp(service, sub(2));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: `/subscriptions/${sub(2)}/providers/Microsoft.Features/providers/Microsoft.Storage/features/EncryptionAtRest`,
      name: 'Microsoft.Storage/EncryptionAtRest',
      type: 'Microsoft.Features/providers/features',
      properties: { state: 'Pending' },
    });
    expect(await featureState(sub(2))).toBe('Pending');

    await waitFor(async () => (await featureState(sub(2))) === 'Registered', { what: 'auto approval', intervalMs: 50 });
    expect(Date.now() - requestedAt).toBeGreaterThanOrEqual(APPROVAL_DELAY_MS);

    const { raw, envelopes } = await streamMessagesOnKafka(ctx, sub(2), 3);
    expect(envelopes.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'FeatureRegistrationRequested', 'FeatureRegistered']);
    const [, requested, approved] = envelopes;
    const feature = { subscriptionId: sub(2), providerNamespace: 'Microsoft.Storage', featureName: 'EncryptionAtRest' };
    expect(requested.data).toEqual({ ...feature, at: expect.any(String) });
    expect(approved.data).toEqual({ ...feature, at: expect.any(String) });
    // The approval time tells consumers WHEN the subscription was approved.
    const waited = Date.parse((approved.data as { at: string }).at) - Date.parse((requested.data as { at: string }).at);
    expect(waited).toBeGreaterThanOrEqual(APPROVAL_DELAY_MS);
    expect(requested.metadata).toMatchObject({ actor: CALLER });
    expect(approved.metadata).toEqual({ actor: 'feature-approval-policy' });
    expect(raw.join('\n')).not.toContain(CALLER_TOKEN);
  });

  it('re-registering while Pending or Registered is idempotent: 200, no new event', async () => {
    const { feature } = paths(sub(3));
    await signUp(service, sub(3));
    expect((await armCall(service, 'POST', `${feature}/register`)).body.properties.state).toBe('Pending');
    await waitFor(async () => (await featureState(sub(3))) === 'Registered', { what: 'auto approval' });
    const again = await armCall(service, 'POST', `${feature}/register`);
    expect(again.status).toBe(200);
    expect(again.body.properties.state).toBe('Registered');
    const stream = await new EventStore(db).readStream(registrationStreamId(sub(3)));
    expect(stream.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'FeatureRegistrationRequested', 'FeatureRegistered']);
  });

  it('unregisters at once, withdrawing a pending request so the policy never approves it', async () => {
    const { feature } = paths(sub(4));
    await signUp(service, sub(4));
    const reply = await armCall(service, 'POST', `${feature}/unregister`);
    expect(reply.status).toBe(200);
    expect(reply.body.properties.state).toBe('Unregistered');
    await new Promise((r) => setTimeout(r, APPROVAL_DELAY_MS + 500));
    expect(await featureState(sub(4))).toBe('Unregistered');
    const { envelopes } = await streamMessagesOnKafka(ctx, sub(4), 3);
    expect(envelopes.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'FeatureRegistrationRequested', 'FeatureUnregistered']);
  });

  it('lists features by namespace and for the whole subscription', async () => {
    const subscriptionId = sub(5);
    await signUp(service, subscriptionId);
    const expected = { name: 'Microsoft.Storage/EncryptionAtRest', properties: { state: 'Pending' } };
    const byNamespace = await armCall(service, 'GET', `/subscriptions/${subscriptionId}/providers/Microsoft.Features/providers/microsoft.storage/features`);
    expect(byNamespace.status).toBe(200);
    expect(byNamespace.body.value).toEqual([expect.objectContaining(expected)]);
    const all = await armCall(service, 'GET', `/subscriptions/${subscriptionId}/providers/Microsoft.Features/features`);
    expect(all.body.value).toEqual([expect.objectContaining(expected)]);
    const none = await armCall(service, 'GET', `/subscriptions/${subscriptionId}/providers/Microsoft.Features/providers/Microsoft.Features/features`);
    expect(none.body).toEqual({ value: [] });
  });

  it('answers ARM 404s for unknown features and namespaces', async () => {
    const base = `/subscriptions/${sub(6)}/providers/Microsoft.Features/providers`;
    for (const [method, path] of [
      ['GET', `${base}/Microsoft.Storage/features/AllowBlobPublicAccess`],
      ['POST', `${base}/Microsoft.Storage/features/AllowBlobPublicAccess/register`],
      ['POST', `${base}/Microsoft.Storage/features/AllowBlobPublicAccess/unregister`],
    ] as const) {
      const reply = await armCall(service, method, path);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('FeatureNotFound');
    }
    const namespace = await armCall(service, 'GET', `${base}/Microsoft.Compute/features`);
    expect(namespace.status).toBe(404);
    expect(namespace.body.error.code).toBe('InvalidResourceNamespace');
  });

  it('answers what the stream says: state rebuilt from the events equals what GET returns', async () => {
    const store = new EventStore(db);
    for (const subscriptionId of [sub(1), sub(2), sub(3), sub(4), sub(5)]) {
      const events = await store.readStream(registrationStreamId(subscriptionId));
      const rebuilt = events.reduce(evolve, initialState());
      const [feature] = featuresOf(STORAGE_NAMESPACE);
      expect((await armCall(service, 'GET', paths(subscriptionId).feature)).body).toEqual(featureResponse(subscriptionId, feature, rebuilt));
      expect((await armCall(service, 'GET', paths(subscriptionId).provider)).body).toEqual(
        providerResponse(subscriptionId, STORAGE_NAMESPACE, rebuilt),
      );
    }
  });

  it('works unchanged with @azure/arm-features FeatureClient (the Register/Get-AzureRmProviderFeature calls)', async () => {
    const subscriptionId = sub(7);
    await armCall(service, 'POST', `${paths(subscriptionId).provider}/register`);
    const client = new FeatureClient(noCredential, subscriptionId, sdkClientOptions(service));
    client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });

    const registered = await client.features.register(STORAGE_NAMESPACE, ENCRYPTION_AT_REST);
    expect(registered).toMatchObject({ name: 'Microsoft.Storage/EncryptionAtRest', properties: { state: 'Pending' } });
    await waitFor(async () => (await client.features.get(STORAGE_NAMESPACE, ENCRYPTION_AT_REST)).properties?.state === 'Registered', {
      what: 'Registered through the SDK',
    });
    const listed = [];
    for await (const f of client.features.list(STORAGE_NAMESPACE)) listed.push(f.name);
    for await (const f of client.features.listAll()) listed.push(f.name);
    expect(listed).toEqual(['Microsoft.Storage/EncryptionAtRest', 'Microsoft.Storage/EncryptionAtRest']);
    expect((await client.features.unregister(STORAGE_NAMESPACE, ENCRYPTION_AT_REST)).properties?.state).toBe('Unregistered');
    await expect(client.features.get(STORAGE_NAMESPACE, 'NoSuchFeature')).rejects.toMatchObject({ statusCode: 404, code: 'FeatureNotFound' });
  });
});
