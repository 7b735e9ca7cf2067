import { createTestContext, type TestContext } from '@atrest/testing';
import { armCall, CALLER, paths, signUp, startFeatureService, streamMessagesOnKafka, type RunningService } from '../../../testing/feature-service.fixture';

const APPROVAL_DELAY_MS = 200;
const sub = (n: number) => `7b3e1a90-0000-4000-8000-00000000000${n}`;

describe('EncryptionAtRest approval by operators, manual policy (service in-process, real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let service: RunningService;

  beforeAll(async () => {
    ctx = await createTestContext('feature-manual');
    service = await startFeatureService(ctx, { FEATURE_APPROVAL_POLICY: 'manual', FEATURE_APPROVAL_DELAY_MS: String(APPROVAL_DELAY_MS) });
    for (const n of [1, 2, 3]) await signUp(service, sub(n));
  });
  afterAll(async () => {
    await service?.close();
    await ctx?.dispose();
  });

  const featureState = async (subscriptionId: string) => (await armCall(service, 'GET', paths(subscriptionId).feature)).body.properties.state;

  it('leaves requests Pending however long they wait, and lists them for operators, oldest first', async () => {
    await new Promise((r) => setTimeout(r, APPROVAL_DELAY_MS + 750));
    expect(await featureState(sub(1))).toBe('Pending');
    const pending = await armCall(service, 'GET', '/operator/feature-registrations?state=Pending');
    expect(pending.status).toBe(200);
    expect(pending.body.value.map((r: { subscriptionId: string }) => r.subscriptionId)).toEqual([sub(1), sub(2), sub(3)]);
    expect(pending.body.value[0]).toEqual({
      subscriptionId: sub(1),
      providerNamespace: 'Microsoft.Storage',
      featureName: 'EncryptionAtRest',
      state: 'Pending',
      requestedAt: expect.any(String),
    });
  });

  it('an operator approves: Registered, with the approval time in the event', async () => {
    const reply = await armCall(service, 'POST', `${paths(sub(1)).operator}/approve`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ subscriptionId: sub(1), state: 'Registered', registeredAt: expect.any(String) });
    expect(await featureState(sub(1))).toBe('Registered');
    // Approving again is idempotent.
    expect((await armCall(service, 'POST', `${paths(sub(1)).operator}/approve`)).status).toBe(200);

    const { envelopes } = await streamMessagesOnKafka(ctx, sub(1), 3);
    expect(envelopes.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'FeatureRegistrationRequested', 'FeatureRegistered']);
    expect(envelopes[2].data).toMatchObject({ at: reply.body.registeredAt });
    expect(envelopes[2].metadata).toMatchObject({ actor: CALLER });
  });

  it('an operator rejects with a reason: NotRegistered for ARM clients, the reason kept for operators and on the event', async () => {
    const reply = await armCall(service, 'POST', `${paths(sub(2)).operator}/reject`, { reason: 'preview capacity reached' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ state: 'NotRegistered', rejection: { reason: 'preview capacity reached', at: expect.any(String) } });
    expect(await featureState(sub(2))).toBe('NotRegistered');
    const rejected = await armCall(service, 'GET', '/operator/feature-registrations?state=NotRegistered');
    expect(rejected.body.value).toEqual([expect.objectContaining({ subscriptionId: sub(2), rejection: reply.body.rejection })]);

    const { envelopes } = await streamMessagesOnKafka(ctx, sub(2), 3);
    expect(envelopes[2]).toMatchObject({ type: 'FeatureRegistrationRejected', data: { reason: 'preview capacity reached' } });

    // The subscription may ask again.
    expect((await armCall(service, 'POST', `${paths(sub(2)).feature}/register`)).body.properties.state).toBe('Pending');
  });

  it('refuses to approve or reject what is not pending', async () => {
    const notPending = await armCall(service, 'POST', `${paths(sub(9)).operator}/approve`);
    expect(notPending.status).toBe(409);
    expect(notPending.body.error.code).toBe('FeatureRegistrationNotPending');
    const rejectRegistered = await armCall(service, 'POST', `${paths(sub(1)).operator}/reject`, { reason: 'too late' });
    expect(rejectRegistered.status).toBe(409);
    expect(rejectRegistered.body.error.code).toBe('FeatureRegistrationNotPending');
  });

  it('answers ARM errors for bad operator input', async () => {
    for (const body of [undefined, {}, { reason: '   ' }, { reason: 42 }]) {
      const reply = await armCall(service, 'POST', `${paths(sub(3)).operator}/reject`, body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('InvalidRequestContent');
      expect(reply.body.error.message).toContain('reason');
    }
    const unknownFeature = await armCall(service, 'POST', `/operator/subscriptions/${sub(3)}/features/Microsoft.Storage/Nope/approve`);
    expect(unknownFeature.status).toBe(404);
    expect(unknownFeature.body.error.code).toBe('FeatureNotFound');
    const badState = await armCall(service, 'GET', '/operator/feature-registrations?state=Rejected');
    expect(badState.status).toBe(400);
    expect(badState.body.error).toEqual({ code: 'InvalidQueryParameterValue', message: expect.stringContaining('state: must be one of') });
    expect(await featureState(sub(3))).toBe('Pending');
  });
});
