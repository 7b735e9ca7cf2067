import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { TokenCredential } from '@azure/core-auth';
import { parseEventEnvelope, Topics } from '@atrest/contracts';
import { createServiceApp, loadConfig, type Env } from '@atrest/platform';
import { KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { AppModule } from '../app.module';
import { configSchema } from '../config';
import { registrationStreamId } from '../subscription-registration/domain/subscription-registration';

// Shared by this service's integration specs (built into dist/ but never imported by the service).

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
}

/** Boots the service in-process on the test's database and topic prefix, listening on a free port. */
export const startFeatureService = async (ctx: TestContext, env: Env = {}): Promise<RunningService> => {
  const config = loadConfig(configSchema, {
    DATABASE_URL: ctx.databaseUrl,
    KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const app = await createServiceApp({ name: 'feature-registration-service', config, createModule: (c) => AppModule.forRoot(c) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
};

/** A caller's bearer token: the gateway checks it and must never let it reach an event. */
export const CALLER_TOKEN = `eyJhbGciOiJub25lIn0.${randomUUID()}.signature`;
export const CALLER = 'user-7f3c';

export interface ArmReply {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

/** An HTTP call as the api-gateway forwards it: same method, path and JSON body, plus its headers. */
export const armCall = async (service: RunningService, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ArmReply> => {
  const response = await fetch(`${service.url}${path}${path.includes('?') ? '&' : '?'}api-version=2021-07-01`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${CALLER_TOKEN}`,
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': randomUUID(),
      'x-atrest-principal': CALLER,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
};

/** ARM paths of the feature and of the provider for a subscription. */
export const paths = (subscriptionId: string) => {
  const provider = `/subscriptions/${subscriptionId}/providers/Microsoft.Storage`;
  const feature = `/subscriptions/${subscriptionId}/providers/Microsoft.Features/providers/Microsoft.Storage/features/EncryptionAtRest`;
  const operator = `/operator/subscriptions/${subscriptionId}/features/Microsoft.Storage/EncryptionAtRest`;
  return { provider, feature, operator };
};

/** Registers the Microsoft.Storage provider and asks for EncryptionAtRest: the preview sign-up of the seed. */
export const signUp = async (service: RunningService, subscriptionId: string): Promise<ArmReply> => {
  const { provider, feature } = paths(subscriptionId);
  const registered = await armCall(service, 'POST', `${provider}/register`);
  if (registered.status !== 200) throw new Error(`provider register answered ${registered.status}`);
  return armCall(service, 'POST', `${feature}/register`);
};

/**
 * The messages of one subscription's stream on the test's atrest.features
 * topic (raw text and parsed envelopes), once at least `count` have arrived.
 */
export const streamMessagesOnKafka = (ctx: TestContext, subscriptionId: string, count: number) =>
  waitFor(
    async () => {
      // Reads for a fixed window: everything published so far, whatever else shares the topic.
      const messages = await new KafkaProbe(ctx.kafkaBrokers).readAll(`${ctx.topicPrefix}${Topics.features}`, {
        atLeast: Number.MAX_SAFE_INTEGER,
        timeoutMs: 4_000,
      });
      const raw = messages.filter((m) => m.key?.toString() === registrationStreamId(subscriptionId)).map((m) => m.value?.toString() ?? '');
      return raw.length >= count && { raw, envelopes: raw.map((text) => parseEventEnvelope(text)) };
    },
    { timeoutMs: 30_000, intervalMs: 0, what: `${count} events of ${subscriptionId} on Kafka` },
  );

/** Azure SDK clients pointed at the service over plain HTTP (no token: the gateway's job). */
export const sdkClientOptions = (service: RunningService) => ({ endpoint: service.url, allowInsecureConnection: true });
export const noCredential: TokenCredential = { getToken: async () => ({ token: 'unused', expiresOnTimestamp: Date.now() + 3_600_000 }) };
