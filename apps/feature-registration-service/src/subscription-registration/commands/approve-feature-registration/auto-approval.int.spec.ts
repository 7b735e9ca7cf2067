import type { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations } from '@atrest/event-store';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { armCall, paths, signUp, startFeatureService, type RunningService } from '../../../testing/feature-service.fixture';
import { registrationStreamId } from '../../domain/subscription-registration';

const APPROVAL_DELAY_MS = 1_500;
const subscriptions = Array.from({ length: 6 }, (_, i) => `a11ce000-0000-4000-8000-00000000000${i}`);
const policy = { FEATURE_APPROVAL_POLICY: 'auto', FEATURE_APPROVAL_DELAY_MS: String(APPROVAL_DELAY_MS) };

describe('auto-approval across a restart and concurrent instances (real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let db: DataSource;
  const running: RunningService[] = [];

  beforeAll(async () => {
    ctx = await createTestContext('feature-auto-restart');
    db = await ctx.openDatabase(eventStoreMigrations);
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.close()));
    await ctx?.dispose();
  });

  it('approves each request exactly once, after the delay, whichever instance gets there', async () => {
    // One instance takes the requests and stops before any is due.
    const first = await startFeatureService(ctx, policy);
    for (const subscriptionId of subscriptions) expect((await signUp(first, subscriptionId)).body.properties.state).toBe('Pending');
    await first.close();
    await new Promise((r) => setTimeout(r, APPROVAL_DELAY_MS));

    // Two instances start together: both find every request due on their first pass and race for it.
    running.push(...(await Promise.all([startFeatureService(ctx, policy), startFeatureService(ctx, policy)])));
    const [b, c] = running;
    await waitFor(
      async () => {
        const states = await Promise.all(subscriptions.map(async (s) => (await armCall(b, 'GET', paths(s).feature)).body.properties.state));
        return states.every((state) => state === 'Registered');
      },
      { what: 'every request approved after the restart' },
    );
    expect((await armCall(c, 'GET', paths(subscriptions[0]).feature)).body.properties.state).toBe('Registered');

    const store = new EventStore(db);
    for (const subscriptionId of subscriptions) {
      const events = await store.readStream(registrationStreamId(subscriptionId));
      expect(events.map((e) => e.type)).toEqual(['ResourceProviderRegistered', 'FeatureRegistrationRequested', 'FeatureRegistered']);
      const waited = Date.parse(events[2].occurredAt) - Date.parse(events[1].occurredAt);
      expect(waited).toBeGreaterThanOrEqual(APPROVAL_DELAY_MS);
    }
  });
});
