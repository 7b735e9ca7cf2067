import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceApp, loadConfig } from '@atrest/platform';
import type { TestContext } from '@atrest/testing';
import { AppModule } from '../app.module';
import { configSchema } from '../config';
import { replicatorEnv } from './replicator-process';

// Shared by specs that run replicator-service in-process (the multi-service
// specs under test/ and the benchmark): its own database, the spec's topic
// prefix, short intervals so a spec does not wait for production pacing.

export interface ReplicatorUnderTest {
  readonly app: INestApplication;
  readonly base: string;
  readonly db: DataSource;
  /** GET /internal/status. */
  status(): Promise<ReplicatorStatus>;
  /** GET /metrics (Prometheus text). */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

export interface ReplicatorStatus {
  readonly accounts: Array<{ account: string; status: string | null; lastSyncTime: string | null; pendingChanges: number; lagSeconds: number }>;
  readonly extentsCopied: number;
  readonly bytesCopied: number;
  readonly applies: number;
  readonly failures: number;
  readonly applyLagSeconds: { p50: number; p99: number; samples: number } | null;
}

/** Starts the replicator against `blobDataServiceUrl`; `settings` override the spec defaults (e.g. a shorter lease). */
export const startReplicator = async (ctx: TestContext, blobDataServiceUrl: string, settings: Record<string, string> = {}): Promise<ReplicatorUnderTest> => {
  const config = loadConfig(configSchema, { ...(await replicatorEnv(ctx, blobDataServiceUrl)), LOG_LEVEL: 'silent', ...settings });
  const app = await createServiceApp({ name: 'replicator-service', config, createModule: (c) => AppModule.forRoot(c) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    base,
    db: app.get(DataSource),
    status: async () => (await (await fetch(`${base}/internal/status`)).json()) as ReplicatorStatus,
    metrics: async () => (await fetch(`${base}/metrics`)).text(),
    close: () => app.close(),
  };
};
