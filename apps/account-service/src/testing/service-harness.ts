import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { envelopeEvents } from '@atrest/event-store';
import { createServiceApp, loadConfig } from '@atrest/platform';
import { KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { AppModule } from '../app.module';
import { configSchema } from '../config';

// In-process services and an HTTP client for account-service's integration specs.

export interface RunningService {
  readonly url: string;
  /** The service's own database. */
  readonly db: DataSource;
  close(): Promise<void>;
}

/** Builds and starts a service's app on a free port, with its own database and the spec's topic prefix. */
export const startService = async <S extends z.ZodObject>(
  ctx: TestContext,
  service: { name: string; database: string; configSchema: S; createModule: (config: z.output<S>) => DynamicModule },
  settings: Record<string, string> = {},
): Promise<RunningService> => {
  const env = {
    DATABASE_URL: await ctx.databaseUrlFor(service.database),
    KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
    LOG_LEVEL: 'silent',
    ...settings,
  };
  const config = loadConfig(service.configSchema, env) as z.output<S> & { LOG_LEVEL: 'silent' };
  const app: INestApplication = await createServiceApp({ name: service.name, config, createModule: service.createModule });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, db: app.get(DataSource), close: () => app.close() };
};

/** The sealing key account-service runs with in specs (one per test process, so a spec may restart it on its database). */
export const SPEC_SEALING_KEY = randomBytes(32).toString('base64');

export const startAccountService = (ctx: TestContext, settings: Record<string, string> = {}): Promise<RunningService> =>
  startService(
    ctx,
    { name: 'account-service', database: 'accounts', configSchema, createModule: (c) => AppModule.forRoot(c) },
    { ACCOUNT_KEYS_SEALING_KEY: SPEC_SEALING_KEY, ...settings },
  );

export interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ARM bodies are asserted field by field in specs
  readonly body: any;
}

/** Requests as the gateway forwards them: JSON bodies, ARM path and query unchanged. */
export const armClient = (baseUrl: string) => {
  const send = async (method: string, path: string, body?: unknown, rawBody?: string): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-ms-correlation-request-id': 'spec', 'x-atrest-principal': 'spec-user' },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: (path: string) => send('GET', path),
    put: (path: string, body: unknown) => send('PUT', path, body),
    patch: (path: string, body: unknown) => send('PATCH', path, body),
    post: (path: string, body?: unknown) => send('POST', path, body ?? {}),
    delete: (path: string) => send('DELETE', path),
    raw: (method: string, path: string, rawBody: string) => send(method, path, undefined, rawBody),
  };
};

export const groupPath = (subscriptionId: string, group: string) => `/subscriptions/${subscriptionId}/resourcegroups/${group}`;
export const accountPath = (subscriptionId: string, group: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/${name}`;

/** Publishes feature-registration events for a subscription, as feature-registration-service would (same stream, in order). */
export const featureEvents = (ctx: TestContext) => {
  const probe = new KafkaProbe(ctx.kafkaBrokers);
  const versions = new Map<string, number>();
  return async (subscriptionId: string, type: 'FeatureRegistrationRequested' | 'FeatureRegistered' | 'FeatureUnregistered', at: Date) => {
    const streamId = `SubscriptionRegistration-${subscriptionId}`;
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const data = { subscriptionId, providerNamespace: 'Microsoft.Storage', featureName: 'EncryptionAtRest', at: at.toISOString() };
    const [envelope] = envelopeEvents(streamId, version, [{ type, data }], at);
    // Retried: right after the services created the topic, the broker may not serve it yet.
    await waitFor(
      async () => {
        await probe.produce(`${ctx.topicPrefix}atrest.features`, [{ key: streamId, value: JSON.stringify(envelope) }]);
        return true;
      },
      { what: `${type} for ${subscriptionId} on atrest.features` },
    );
  };
};
