import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestContext } from '@atrest/testing';
import { waitFor } from '@atrest/testing';

// For specs that must kill the replicator the way a crash does (SIGKILL, no
// shutdown hooks): the service compiled with swc into tmp/ and run as a
// child process against the spec's database and topics.

const ROOT = resolve(__dirname, '../../../..');
const run = promisify(execFile);

export interface ReplicatorProcess {
  readonly base: string;
  /** SIGKILL: nothing is finished, nothing is released but by the operating system. */
  kill(): Promise<void>;
}

export interface CompiledReplicator {
  start(env: Record<string, string>): Promise<ReplicatorProcess>;
  dispose(): void;
}

/** Compiles the service once for the spec; start() runs a process of it on a free port. */
export const compileReplicator = async (): Promise<CompiledReplicator> => {
  const out = resolve(ROOT, 'tmp', `spec-replicator-${randomBytes(4).toString('hex')}`);
  await run('npx', ['swc', 'apps/replicator-service', 'libs', '-d', out, '--ignore', '**/*.spec.ts', '--quiet'], { cwd: ROOT, timeout: 120_000 });
  const children = new Set<ChildProcess>();
  return {
    async start(env) {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const child = spawn(process.execPath, [resolve(out, 'apps/replicator-service/src/main.js')], {
        cwd: ROOT,
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.add(child);
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/ready`)).status === 200, { what: 'the replicator process to be ready', timeoutMs: 60_000, intervalMs: 200 });
      return {
        base,
        async kill() {
          child.kill('SIGKILL');
          await exited;
          children.delete(child);
        },
      };
    },
    dispose() {
      for (const child of children) child.kill('SIGKILL');
      rmSync(out, { recursive: true, force: true });
    },
  };
};

/** A replicator's settings on the spec's database and topics, with short intervals (in-process or as a process). */
export const replicatorEnv = async (ctx: TestContext, blobDataServiceUrl: string): Promise<Record<string, string>> => ({
  DATABASE_URL: await ctx.databaseUrlFor('replicator'),
  KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
  KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
  KAFKA_TOPIC_PARTITIONS: '1',
  BLOB_DATA_SERVICE_URL: blobDataServiceUrl,
  SYNC_PROBE_INTERVAL_MS: '200',
  PROGRESS_INTERVAL_MS: '200',
  REPLICATION_LEASE_MS: '3000',
  FAILOVER_DRAIN_TIMEOUT_MS: '10000',
});
