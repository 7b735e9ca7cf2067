/**
 * Key-management throughput and latency, next to raw AES-256-GCM key
 * wrapping in-process (the floor: what a key costs without a service).
 *
 *   npx swc apps libs bench -d tmp/bench --ignore '**\/*.spec.ts' --quiet && node tmp/bench/bench/kms-throughput.js
 *
 * Runs the key-management service in-process on a scratch database of the
 * local Postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * and the local Kafka (KAFKA_BROKERS, default 127.0.0.1:9092), both dropped
 * afterwards. BENCH_SECONDS (default 5) per measurement, BENCH_CONCURRENCY
 * (default 16) requests in flight.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { generateKey, unwrapKey, wrapKey } from '@atrest/crypto';
import { createServiceApp, loadConfig } from '@atrest/platform';
import { AppModule } from '../apps/key-management-service/src/app.module';
import { configSchema } from '../apps/key-management-service/src/config';
import { GenerateDataKeyHandler } from '../apps/key-management-service/src/data-keys/commands/generate-data-key/generate-data-key.handler';
import { KeyRings } from '../apps/key-management-service/src/key-ring/key-rings';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ACCOUNT = 'benchacct';
const SECRET = randomBytes(32).toString('base64');

interface Result {
  name: string;
  ops: number;
  seconds: number;
  latenciesMs: number[];
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `op` from `concurrency` loops for `seconds`, timing each call. */
const measure = async (name: string, concurrency: number, op: () => Promise<unknown> | unknown): Promise<Result> => {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op();
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  return { name, ops: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
};

/**
 * HTTP load from a worker thread, so the client does not share the
 * service's event loop (the data plane is another process).
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { method, url, secret, bodies, concurrency, seconds } = workerData;
(async () => {
  const latencies = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let i = 0;
  let failure;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline && !failure) {
      const body = bodies.length ? bodies[i++ % bodies.length] : undefined;
      const t = performance.now();
      const response = await fetch(url, {
        method,
        headers: { authorization: 'Bearer ' + secret, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (response.status !== 200) failure = url + ' answered ' + response.status + ': ' + text;
      latencies.push(performance.now() - t);
    }
  }));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000, failure });
})();
`;

const measureHttp = (name: string, url: string, bodies: unknown[], concurrency: number, method = 'POST'): Promise<Result> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { method, url, secret: SECRET, bodies, concurrency, seconds: SECONDS } });
    worker.once('error', reject);
    worker.once('message', ({ latencies, seconds, failure }: { latencies: number[]; seconds: number; failure?: string }) => {
      void worker.terminate();
      if (failure) reject(new Error(failure));
      else resolve({ name, ops: latencies.length, seconds, latenciesMs: latencies });
    });
  });

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const admin = async (sql: string): Promise<void> => {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const main = async (): Promise<void> => {
  const id = randomBytes(4).toString('hex');
  const database = `bench_kms_${id}`;
  const topicPrefix = `bench.${id}.`;
  await admin(`CREATE DATABASE "${database}"`);
  const config = loadConfig(configSchema, {
    DATABASE_URL: withDatabase(ADMIN_URL, database),
    KAFKA_BROKERS: BROKERS.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '1',
    LOG_LEVEL: 'silent',
    KMS_ROOT_KEY: randomBytes(32).toString('base64'),
    KMS_CLIENTS: `blob-data-service:${SECRET}`,
  });
  const app = await createServiceApp({ name: 'key-management-service', config, createModule: (c) => AppModule.forRoot(c) });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}/internal/accounts/${ACCOUNT}/data-keys`;
    await app.get(KeyRings).execute(ACCOUNT, {
      type: 'CreateKeyRing',
      account: { subscriptionId: 'bench', resourceGroup: 'bench', accountName: ACCOUNT },
      now: new Date(),
    });

    const post = async (path: string) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
      if (response.status !== 200) throw new Error(`${path || 'generate'} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { wrappedKey: string; kekVersion: number };
    };

    // Warm-up: connections, JIT, the first audit rows.
    for (let i = 0; i < 200; i++) await post('');

    const kek = generateKey();
    const dek = generateKey();
    const binding = ['dek', ACCOUNT, 1, 'k'];
    const sample = wrapKey(kek, dek, binding);
    const keys = (await Promise.all(Array.from({ length: 256 }, () => post('')))).map(({ wrappedKey, kekVersion }) => ({ wrappedKey, kekVersion }));
    const handler = app.get(GenerateDataKeyHandler);

    const rawWrap = await measure('raw AES-256-GCM wrap (in-process)', 1, () => wrapKey(kek, dek, binding));
    const rawUnwrap = await measure('raw AES-256-GCM unwrap (in-process)', 1, () => unwrapKey(kek, sample, binding));
    const generateOne = await measureHttp('KMS generate over HTTP, 1 in flight', base, [], 1);
    // Each measurement with the raw operation it is compared to (none for the HTTP floor).
    const measured: Array<[Result, Result | undefined]> = [
      [rawWrap, rawWrap],
      [rawUnwrap, rawUnwrap],
      [
        await measure(`KMS generate, handler only (no HTTP), ${CONCURRENCY} in flight`, CONCURRENCY, () =>
          handler.execute({ client: 'blob-data-service' }, ACCOUNT),
        ),
        rawWrap,
      ],
      [await measureHttp(`HTTP floor: GET /health (no I/O), ${CONCURRENCY} in flight`, `http://127.0.0.1:${port}/health`, [], CONCURRENCY, 'GET'), undefined],
      [await measureHttp(`KMS generate over HTTP, ${CONCURRENCY} in flight`, base, [], CONCURRENCY), rawWrap],
      [await measureHttp(`KMS unwrap over HTTP, ${CONCURRENCY} in flight`, `${base}/unwrap`, keys, CONCURRENCY), rawUnwrap],
      [generateOne, rawWrap],
      [await measureHttp('KMS unwrap over HTTP, 1 in flight', `${base}/unwrap`, keys, 1), rawUnwrap],
    ];

    const p50 = (r: Result) => percentile([...r.latenciesMs].sort((a, b) => a - b), 50);
    const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    const perSecond = (r: Result) => r.ops / r.seconds;
    const width = Math.max(...measured.map(([r]) => r.name.length));
    const lines = [
      `key-management-service throughput (${SECONDS}s each; Node ${process.version}; Postgres and Kafka local)`,
      '',
      `${'operation'.padEnd(width)}  ${'ops/s'.padStart(10)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  ${'raw / this'.padStart(10)}`,
      ...measured.map(([r, baseline]) => {
        const p99 = percentile([...r.latenciesMs].sort((a, b) => a - b), 99);
        const ratio = baseline ? fmt(perSecond(baseline) / perSecond(r)) : '-';
        return `${r.name.padEnd(width)}  ${fmt(perSecond(r)).padStart(10)}  ${fmt(p50(r), 3).padStart(8)}  ${fmt(p99, 3).padStart(8)}  ${ratio.padStart(10)}`;
      }),
      '',
      'A write key reused as docs/adr/0005 says (one generate per account and writer per 60 s, at most 2^28 packages) costs',
      `one ${fmt(p50(generateOne), 2)} ms generate (p50) per minute of writing: at 1,000 writes/s, ${fmt((p50(generateOne) * 1e6) / 60_000, 1)} ns per write.`,
      'Reads pay an unwrap once per cached key and minute, not per request.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.close();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const kafka = new Kafka({ clientId: 'kms-bench', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await kafka.connect();
    const topics = (await kafka.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length > 0) await kafka.deleteTopics({ topics });
    await kafka.disconnect();
  }
};

main().catch((error) => {
  process.stderr.write(`kms-throughput failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
