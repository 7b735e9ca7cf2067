import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type KeyRingEvent, type KeyVaultKey } from '@atrest/contracts';
import { createServiceApp, loadConfig } from '@atrest/platform';
import { createTestContext, KafkaProbe, waitFor, type TestContext } from '@atrest/testing';
import { AppModule } from '../app.module';
import { configSchema } from '../config';

// Shared by this service's integration specs (not part of the app): the
// service in-process on its own database and topic prefix, fed account
// events through Kafka, called over HTTP.

export const BLOB_DATA_SERVICE_SECRET = 'blob-data-service-test-secret-0123456789';
export const REPLICATOR_SECRET = 'replicator-service-test-secret-0123456789';

export const account = (accountName: string) => ({ subscriptionId: 'sub-kms', resourceGroup: 'rg-kms', accountName });

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface KmsUnderTest {
  readonly ctx: TestContext;
  readonly app: INestApplication;
  readonly base: string;
  readonly rootKey: string;
  /** Publishes StorageAccountCreated on atrest.accounts and waits until the service has the ring. */
  createAccount(accountName: string): Promise<void>;
  /** Publishes an account event on atrest.accounts, as account-service would (the next version of the account's stream); returns that version. */
  publishAccountEvent(accountName: string, type: string, data: Record<string, unknown>): Promise<number>;
  /**
   * Asks for a key source as account-service does (KeySourceChangeRequested; a
   * key means Microsoft.Keyvault, none Microsoft.Storage) and returns the ring's
   * answer, the event naming the request's stream version.
   */
  changeKeySource(accountName: string, key?: KeyVaultKey): Promise<KeyRingEvent>;
  /** Any call; `secret` goes in Authorization: Bearer. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, secret?: string): Promise<HttpResult<T>>;
  /** The ARM path of an account's encryptionKeys resource, plus `suffix`. */
  encryptionKeysPath(accountName: string, suffix?: string): string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a test context (a restart against the same database). */
  ctx?: TestContext;
  rootKey?: string;
  /** KMS_PREVIOUS_ROOT_KEY: start in the middle of a root-key rotation. */
  previousRootKey?: string;
}

export const envFor = (ctx: TestContext, rootKey: string): Record<string, string> => ({
  DATABASE_URL: ctx.databaseUrl,
  KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
  KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
  KAFKA_TOPIC_PARTITIONS: '1',
  LOG_LEVEL: 'silent',
  KMS_ROOT_KEY: rootKey,
  KMS_CLIENTS: `blob-data-service:${BLOB_DATA_SERVICE_SECRET},replicator-service:${REPLICATOR_SECRET}`,
});

export const startKms = async (label: string, options: StartOptions = {}): Promise<KmsUnderTest> => {
  const ctx = options.ctx ?? (await createTestContext(label));
  const rootKey = options.rootKey ?? randomBytes(32).toString('base64');
  const config = loadConfig(configSchema, { ...envFor(ctx, rootKey), ...(options.previousRootKey && { KMS_PREVIOUS_ROOT_KEY: options.previousRootKey }) });
  const app = await createServiceApp({ name: 'key-management-service', config, createModule: (c) => AppModule.forRoot(c) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const probe = new KafkaProbe(ctx.kafkaBrokers);

  const call = async <T>(method: string, path: string, body?: unknown, secret?: string): Promise<HttpResult<T>> => {
    const headers: Record<string, string> = { 'x-ms-request-id': randomUUID() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (secret !== undefined) headers.authorization = `Bearer ${secret}`;
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };

  const streamVersions = new Map<string, number>();
  const publishAccountEvent = async (accountName: string, type: string, data: Record<string, unknown>) => {
    const streamId = `StorageAccount-${accountName}`;
    const streamVersion = (streamVersions.get(streamId) ?? 0) + 1;
    streamVersions.set(streamId, streamVersion);
    const envelope = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      streamId,
      streamVersion,
      occurredAt: new Date().toISOString(),
      data: { ...account(accountName), ...data },
      metadata: { correlationId: randomUUID() },
    };
    await probe.produce(`${ctx.topicPrefix}${Topics.accounts}`, [{ key: streamId, value: JSON.stringify(envelope) }]);
    return streamVersion;
  };

  const changeKeySource = async (accountName: string, key?: KeyVaultKey): Promise<KeyRingEvent> => {
    const request = key ? { keySource: 'Microsoft.Keyvault', keyVaultProperties: key } : { keySource: 'Microsoft.Storage' };
    const version = await publishAccountEvent(accountName, 'KeySourceChangeRequested', { ...request, requestedAt: new Date().toISOString() });
    const answers = () =>
      app.get(DataSource).query<KeyRingEvent[]>(
        `SELECT type, data FROM events WHERE stream_id = $1 AND (data->>'accountStreamVersion')::int = $2`,
        [`AccountKeyRing-${accountName}`, version],
      );
    return waitFor(async () => (await answers())[0], { what: `the key service's answer to ${accountName}'s request v${version}`, timeoutMs: 30_000 });
  };

  const encryptionKeysPath = (accountName: string, suffix = '') => {
    const { subscriptionId, resourceGroup } = account(accountName);
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${accountName}/encryptionKeys${suffix}?api-version=2017-06-01`;
  };

  return {
    ctx,
    app,
    base,
    rootKey,
    call,
    encryptionKeysPath,
    publishAccountEvent,
    changeKeySource,
    async createAccount(accountName) {
      const createdAt = new Date().toISOString();
      await publishAccountEvent(accountName, 'StorageAccountCreated', {
        location: 'eastus',
        sku: 'Standard_LRS',
        kind: 'StorageV2',
        deploymentModel: 'ResourceManager',
        createdAt,
      });
      await waitFor(async () => (await call('GET', encryptionKeysPath(accountName))).status === 200, {
        what: `the key ring of ${accountName}`,
        timeoutMs: 30_000,
      });
    },
    async close() {
      await app.close();
      if (!options.ctx) await ctx.dispose();
    },
  };
};
