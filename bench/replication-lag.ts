/**
 * Geo-replication lag under a sustained write load (issue 6's benchmark),
 * as a ratio to the time of the primary write.
 *
 *   npx swc apps libs bench -d tmp/bench --ignore '**\/*.spec.ts' --quiet && node tmp/bench/bench/replication-lag.js
 *
 * key-management-service, blob-data-service and replicator-service run as
 * processes of their own, built from this tree (the compiled output next to
 * this script), each on a scratch database of the local Postgres
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * with one topic prefix on the local Kafka (KAFKA_BROKERS, default
 * 127.0.0.1:9092); all of it is removed afterwards. One RA-GRS account in
 * East US with SSE on; BENCH_WRITERS (default 8) writers put new
 * BENCH_BLOB_KIB (default 64) KiB blobs for BENCH_SECONDS (default 20),
 * calling blob-data-service as the gateway forwards. Printed:
 *   - primary write latency (sent -> acknowledged), p50/p99;
 *   - replication lag per change (committed in the primary -> applied in the
 *     secondary, as the replicator measures it), p50/p99, and as a ratio to
 *     the write latency at the same percentile;
 *   - how far the last sync time trailed when the load stopped, and how long
 *     the backlog took to drain.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { envelopeEvents } from '@atrest/event-store';
import { freePort } from '@atrest/testing';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const BLOB_BYTES = Number(process.env.BENCH_BLOB_KIB ?? 64) * 1024;
const BUILT = resolve(__dirname, '..');
const ROOT = resolve(BUILT, '..', '..');
const ID = randomBytes(4).toString('hex');
const PREFIX = `bench.${ID}.`;
const ACCOUNT = 'benchgeo';
const REF = { subscriptionId: 'sub-bench', resourceGroup: 'rg-bench', accountName: ACCOUNT };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

const admin = async (sql: string): Promise<unknown[]> => {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};
const databaseUrl = (name: string): string => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

const children: ChildProcess[] = [];

/** One service as a process of its own on a free port; answers its base URL once /ready says 200. */
const startService = async (app: string, env: Record<string, string>): Promise<string> => {
  const port = await freePort();
  const child = spawn(process.execPath, [join(BUILT, 'apps', app, 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: PREFIX, KAFKA_TOPIC_PARTITIONS: '3', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await until(`${app} to be ready`, async () => {
    if (child.exitCode !== null) throw new Error(`${app} exited`);
    return (await fetch(`${base}/ready`)).ok;
  });
  return base;
};

/** An event of the account's stream on atrest.accounts, as account-service publishes it. */
const publishAccountEvent = async (producer: Producer, version: number, type: string, data: Record<string, unknown>) => {
  const streamId = `StorageAccount-${ACCOUNT}`;
  const [envelope] = envelopeEvents(streamId, version, [{ type, data: { ...REF, ...data } }], new Date());
  await producer.send({ topic: `${PREFIX}atrest.accounts`, acks: -1, messages: [{ key: streamId, value: JSON.stringify(envelope) }] });
};

/** A request to blob-data-service as the gateway forwards it. */
const blob = (base: string, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${base}/blob/${ACCOUNT}/${path}`, {
    method,
    headers: { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2021-12-02', 'x-atrest-account': ACCOUNT, 'x-atrest-location': 'primary', ...headers },
    body,
  });

interface ReplicatorStatus {
  accounts: Array<{ account: string; lastSyncTime: string | null; pendingChanges: number }>;
  applies: number;
  extentsCopied: number;
  bytesCopied: number;
  failures: number;
  applyLagSeconds: { p50: number; p99: number; samples: number } | null;
}

const main = async () => {
  const db = (service: string) => `bench_geo_${ID}_${service}`;
  for (const service of ['keys', 'blobs', 'replicator']) await admin(`CREATE DATABASE "${db(service)}"`);
  const kafka = new Kafka({ clientId: 'replication-bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  try {
    const secret = randomBytes(32).toString('base64url');
    const kms = await startService('key-management-service', {
      DATABASE_URL: databaseUrl(db('keys')),
      KMS_ROOT_KEY: randomBytes(32).toString('base64'),
      KMS_CLIENTS: `blob-data-service:${secret}`,
    });
    const data = await startService('blob-data-service', { DATABASE_URL: databaseUrl(db('blobs')), KMS_URL: kms, KMS_CLIENT_SECRET: secret });
    const replicator = await startService('replicator-service', { DATABASE_URL: databaseUrl(db('replicator')), BLOB_DATA_SERVICE_URL: data });
    const status = async () => (await (await fetch(`${replicator}/internal/status`)).json()) as ReplicatorStatus;

    await producer.connect();
    const at = new Date().toISOString();
    await publishAccountEvent(producer, 1, 'StorageAccountCreated', { location: 'eastus', sku: 'Standard_RAGRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: at });
    await until('the key ring', async () => (await fetch(`${kms}/subscriptions/${REF.subscriptionId}/resourceGroups/${REF.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${ACCOUNT}/encryptionKeys`)).ok);
    await publishAccountEvent(producer, 2, 'EncryptionEnabled', { services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: at });
    await until('the data plane to encrypt', async () => {
      const [row] = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${db('blobs')}'`)) as unknown[];
      if (!row) return false;
      const client = new Client({ connectionString: databaseUrl(db('blobs')) });
      await client.connect();
      try {
        return (await client.query(`SELECT enabled FROM account_encryption_state WHERE account_name = $1`, [ACCOUNT])).rows[0]?.enabled === true;
      } finally {
        await client.end();
      }
    });
    if ((await blob(data, 'PUT', 'load?restype=container')).status !== 201) throw new Error('container not created');

    const body = randomBytes(BLOB_BYTES);
    const writeMs: number[] = [];
    let n = 0;
    console.log(`writing ${BLOB_BYTES / 1024} KiB blobs from ${WRITERS} writers for ${SECONDS} s (RA-GRS, SSE on; services as processes) ...`);
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          const reply = await blob(data, 'PUT', `load/blob-${n++}`, body, { 'x-ms-blob-type': 'BlockBlob' });
          await reply.arrayBuffer();
          if (reply.status !== 201) throw new Error(`write answered ${reply.status} ${reply.headers.get('x-ms-error-code')}`);
          writeMs.push(performance.now() - t);
        }
      }),
    );
    const stoppedAt = Date.now();
    const atStop = (await status()).accounts.find((a) => a.account === ACCOUNT)?.lastSyncTime;
    await until('the replicator to catch up', async () => (await status()).accounts.find((a) => a.account === ACCOUNT)?.pendingChanges === 0, 600_000);
    const drainedMs = Date.now() - stoppedAt;
    const final = await status();
    const lag = final.applyLagSeconds;
    if (!lag) throw new Error('no replication lag samples');

    const writes = [...writeMs].sort((a, b) => a - b);
    const [w50, w99] = [percentile(writes, 50), percentile(writes, 99)];
    const [l50, l99] = [lag.p50 * 1000, lag.p99 * 1000];
    console.log(
      `\nwrites: ${writes.length} in ${SECONDS} s (${(writes.length / SECONDS).toFixed(0)}/s); replicator: ${final.applies} snapshots applied, ${final.extentsCopied} extents and ${(final.bytesCopied / 2 ** 20).toFixed(1)} MiB copied, ${final.failures} failed attempts`,
    );
    console.log('\n| measure | p50 | p99 |');
    console.log('|---|---:|---:|');
    console.log(`| primary write (sent -> acknowledged) | ${ms(w50)} | ${ms(w99)} |`);
    console.log(`| replication lag (committed in primary -> applied in secondary, ${lag.samples} changes) | ${ms(l50)} | ${ms(l99)} |`);
    console.log(`| lag / write time | ${(l50 / w50).toFixed(1)}x | ${(l99 / w99).toFixed(1)}x |`);
    console.log(
      `\nlast sync time when the load stopped: ${atStop ? `${((stoppedAt - Date.parse(atStop)) / 1000).toFixed(2)} s behind` : 'none yet'}; backlog drained ${(drainedMs / 1000).toFixed(2)} s after the load stopped`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((done) => c.once('exit', done)) : undefined)));
    await producer.disconnect().catch(() => undefined);
    for (const row of (await admin(`SELECT datname FROM pg_database WHERE datname LIKE 'bench_geo_${ID}_%'`)) as Array<{ datname: string }>)
      await admin(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    const topics = (await kafkaAdmin.listTopics()).filter((t) => t.startsWith(PREFIX));
    if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics });
    await kafkaAdmin.disconnect();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
