/**
 * Blob data plane throughput: atrest next to Azurite (the official emulator,
 * which stores plaintext) on this machine, with the real @azure/storage-blob
 * client, printed as ratios (issue 5's benchmark).
 *
 *   npm run bench:blob
 *
 * atrest runs as separate processes built from this tree (api-gateway,
 * blob-data-service, account-service, key-management-service, each its own
 * database on the local Postgres, one topic prefix on the local Kafka), so
 * their resident memory is theirs alone; Azurite runs from node_modules with
 * disk persistence in a temporary folder (atrest persists too). Measured for
 * Azurite, atrest with SSE off and atrest with SSE on, each through its own
 * client built the same way (same SDK defaults, same concurrency):
 *   - a 256 MiB block blob uploaded (staged blocks) and downloaded (one GET,
 *     BENCH_DOWNLOADS times per run, the targets taking turns);
 *   - 4 KiB blobs: uploads and downloads per second, 16 in flight, and the
 *     CPU time per operation of what serves them: Azurite's process; atrest's
 *     processes, the Postgres backends of its databases and the local Kafka
 *     broker (when infra/kafka/kafka.sh runs it);
 *   - peak resident memory (VmRSS sampled every 50 ms) of atrest's processes
 *     during a 1 GiB upload with SSE on.
 * Fairness on a shared machine: every target is warmed up first (connections,
 * JIT, atrest's first data key); each run starts with another target, so none
 * always follows another's 256 MiB delete; the 4 KiB measurements take turns
 * in slices of at most 2.5 s (SECONDS per target in all), so a burst of load
 * from elsewhere falls on all targets alike; the best of RUNS runs is kept.
 * Everything it made (databases, topics, folders) is removed afterwards.
 *
 * Settings: BENCH_DATABASE_URL (default: the server npm start uses, on its Unix socket when it may),
 * KAFKA_BROKERS (127.0.0.1:9092), BENCH_RUNS (2: best of), BENCH_DOWNLOADS (3 per run and target), BENCH_SECONDS (5, per
 * small-blob measurement and target), BENCH_BLOCK_MIB (8), BENCH_CONCURRENCY (4 blocks in
 * flight), BENCH_LOG_LEVEL (info: atrest's services log as deployed),
 * BENCH_LARGE_MIB (256; 0 skips the large blob), BENCH_RSS_MIB (1024; 0 skips
 * the memory measurement), BENCH_PROFILE (a folder: the services run with
 * --cpu-prof and write their profiles there), BENCH_LOGS (a folder for the
 * services' logs; default: dropped), BENCH_GATEWAY_SOCKET (1: the gateway reaches
 * blob-data-service on a Unix socket, as npm start runs them; 0: over TCP). Quick 4 KiB check:
 * BENCH_LARGE_MIB=0 BENCH_RSS_MIB=0 npm run bench:blob.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { envelopeEvents } from '@atrest/event-store';
import { freePort } from '@atrest/testing';

const MiB = 1024 * 1024;
const ROOT = resolve(__dirname, '..', '..', '..');
const BUILT = resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain script (npm start's), not a module of the build
const { NODE_FLAGS, localPostgresSocket, postgresUrlOf } = require(join(ROOT, 'scripts', 'run-system.js')) as {
  NODE_FLAGS: readonly string[];
  localPostgresSocket: () => Promise<string | undefined>;
  postgresUrlOf: (database: string, env?: NodeJS.ProcessEnv) => string;
};
/** As npm start reaches Postgres (its Unix socket when it may), unless BENCH_DATABASE_URL says otherwise; set first thing in main. */
let ADMIN_URL: string;
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BLOCK = Number(process.env.BENCH_BLOCK_MIB ?? 8) * MiB;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DOWNLOADS = Number(process.env.BENCH_DOWNLOADS ?? 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const LARGE = Number(process.env.BENCH_LARGE_MIB ?? 256) * MiB;
const RSS_UPLOAD = Number(process.env.BENCH_RSS_MIB ?? 1024) * MiB;
const PROFILE_DIR = process.env.BENCH_PROFILE;
const LOG_DIR = process.env.BENCH_LOGS;
const GATEWAY_SOCKET = process.env.BENCH_GATEWAY_SOCKET !== '0';
const SMALL = 4096;
const SMALL_IN_FLIGHT = 16;
/** The 4 KiB measurements take turns in slices this long (long enough that the last operations of a slice, in flight while the rest stop, barely count). */
const SLICE_SECONDS = Math.min(SECONDS, 2.5);
const WARM_UP_SECONDS = 2;
const SUB = randomUUID();
const RG = 'bench-rg';
const AZURITE_ACCOUNT = 'devstoreaccount1';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface Target {
  readonly name: string;
  readonly container: ContainerClient;
  /** What serves it: the CPU time each spends per 4 KiB operation is measured too. */
  readonly meters: readonly CpuMeter[];
}

/** Something whose CPU time is measured: a process, or atrest's Postgres backends. */
interface CpuMeter {
  readonly name: string;
  /** CPU time (ms) used so far. */
  cpuMs(): Promise<number>;
}

/**
 * CPU time spent on 4 KiB operations over all runs, per process of the
 * target, less what the process spends when idle (consumers and relays
 * polling): less sensitive than throughput to load from elsewhere.
 */
interface CpuPerOp {
  readonly putMs: number[];
  puts: number;
  readonly getMs: number[];
  gets: number;
}

/** CPU time per meter (ms, less idle use) of the large blob's upload and download, from the run whose total was least. */
interface LargeCpu {
  upload?: number[];
  download?: number[];
}

interface Results {
  uploadMBps: number;
  downloadMBps: number;
  smallPutsPerSecond: number;
  smallGetsPerSecond: number;
}

interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  stderr: string;
}

const sql = async (statement: string): Promise<void> => {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

const databaseUrl = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it says true; a check that throws Fatal ends the wait at once, other errors count as not yet. */
const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof Fatal) throw error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
};

class Fatal extends Error {}

const answers = (url: string, init?: RequestInit) => async () => (await fetch(url, init)).ok;

/** Starts a node process; its stdout (logs: they cost what they cost) goes to BENCH_LOGS or nowhere, stderr is kept for failures. */
const startProcess = (name: string, args: string[], env: Record<string, string>, url: string): Service => {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  if (LOG_DIR) mkdirSync(LOG_DIR, { recursive: true });
  const stdout = LOG_DIR ? openSync(join(LOG_DIR, `${name}.log`), 'w') : 'ignore';
  const child = spawn(process.execPath, [...profile, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', stdout, 'pipe'] });
  const service: Service = { name, child, url, stderr: '' };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (service.stderr = (service.stderr + chunk).slice(-4000)));
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`${name} exited (${code ?? signal}):\n${service.stderr}\n`);
  });
  return service;
};

let stopping = false;

const stop = async (services: readonly Service[]): Promise<void> => {
  stopping = true;
  await Promise.all(
    services.map(
      (s) =>
        new Promise<void>((done) => {
          if (s.child.exitCode !== null || s.child.signalCode !== null) return done();
          const kill = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
          s.child.once('exit', () => {
            clearTimeout(kill);
            done();
          });
          s.child.kill('SIGTERM');
        }),
    ),
  );
};

/** Milliseconds of CPU per millisecond a meter shows when nothing is asked of it. */
const idleCpu = new Map<CpuMeter, number>();
const IDLE_SAMPLE_MS = 3_000;
const SETTLE_MS = 5_000;

/** CPU time (ms) a process has used so far: utime + stime of /proc/<pid>/stat, in 10 ms ticks. */
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};


const processMeter = (service: Service): CpuMeter => ({ name: service.name, cpuMs: async () => cpuMsOf(service.child.pid!) });

/**
 * The Postgres backends serving atrest's databases (this run's, by name):
 * Azurite keeps its index in its own process, so atrest's database work is
 * counted too. A backend is counted from when it is first seen; one that has
 * exited keeps what it had used when last seen.
 */
const postgresMeter = (admin: Client, databasePrefix: string): CpuMeter => {
  const seen = new Map<number, number>();
  return {
    name: 'postgres (atrest databases)',
    async cpuMs() {
      const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${databasePrefix}%`]);
      for (const { pid } of rows) {
        try {
          seen.set(pid, cpuMsOf(pid));
        } catch {
          // exited meanwhile: keeps its last reading
        }
      }
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
};

/**
 * The local Kafka broker started by infra/kafka/kafka.sh, when there is one
 * (atrest's relays and consumers are its only clients while atrest is measured).
 */
const kafkaMeter = (): CpuMeter | undefined => {
  const pidFile = join(process.env.ATREST_HOME ?? join(homedir(), '.cache', 'atrest'), 'kafka', 'kafka.pid');
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    cpuMsOf(pid);
    return { name: 'kafka broker', cpuMs: async () => cpuMsOf(pid) };
  } catch {
    return undefined;
  }
};

/** Resident memory of a process now (VmRSS), in bytes. */
const rssOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
};

/**
 * atrest's four processes, each on its own database and port, one topic
 * prefix. `started` gets each as soon as it is spawned, so a failed start still stops them all.
 */
const startAtrest = async (id: string, folder: string, started: Service[]): Promise<{ services: Service[]; blobUrl: string; accountUrl: string; kmsUrl: string }> => {
  const ports = { gateway: await freePort(), blob: await freePort(), blobHttps: await freePort(), arm: await freePort(), accounts: await freePort(), kms: await freePort(), data: await freePort() };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  const common = { HOST: '127.0.0.1', LOG_LEVEL, KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: `bench.${id}.`, KAFKA_TOPIC_PARTITIONS: '1' };
  // With the V8 settings scripts/run-system.js and the Dockerfile run them with.
  const main = (app: string) => join(BUILT, 'apps', app, 'src', 'main.js');
  const node = (app: string) => [...NODE_FLAGS, main(app)];
  const socket = GATEWAY_SOCKET ? { path: join(folder, 'blob-data-service.sock') } : undefined;
  const services = [
    startProcess('key-management-service', node('key-management-service'), {
      ...common,
      PORT: String(ports.kms),
      DATABASE_URL: databaseUrl(`bench_blob_${id}_keys`),
      KMS_ROOT_KEY: randomBytes(32).toString('base64'),
      KMS_CLIENTS: `blob-data-service:${secret}`,
    }, url(ports.kms)),
    startProcess('account-service', node('account-service'), {
      ...common,
      PORT: String(ports.accounts),
      DATABASE_URL: databaseUrl(`bench_blob_${id}_accounts`),
      ACCOUNT_KEYS_SEALING_KEY: randomBytes(32).toString('base64'),
    }, url(ports.accounts)),
    startProcess('blob-data-service', node('blob-data-service'), {
      ...common,
      PORT: String(ports.data),
      DATABASE_URL: databaseUrl(`bench_blob_${id}_blobs`),
      KMS_URL: url(ports.kms),
      KMS_CLIENT_SECRET: secret,
      EXTENT_DATA_DIR: join(folder, 'extents'),
      ...(socket && { GATEWAY_SOCKET: socket.path }),
    }, url(ports.data)),
    startProcess('api-gateway', node('api-gateway'), {
      HOST: '127.0.0.1',
      LOG_LEVEL,
      PORT: String(ports.gateway),
      ARM_PORT: String(ports.arm),
      BLOB_PORT: String(ports.blob),
      BLOB_HTTPS_PORT: String(ports.blobHttps),
      ATREST_DEV_DIR: join(folder, 'dev-ca'),
      ACCOUNT_SERVICE_URL: url(ports.accounts),
      BLOB_DATA_SERVICE_URL: url(ports.data),
      ...(socket && { BLOB_DATA_SERVICE_SOCKET: socket.path }),
      KEY_MANAGEMENT_SERVICE_URL: url(ports.kms),
      // Not behind the Blob endpoint: never called here.
      FEATURE_REGISTRATION_SERVICE_URL: 'http://127.0.0.1:9',
      REPLICATOR_SERVICE_URL: 'http://127.0.0.1:9',
    }, url(ports.gateway)),
  ];
  started.push(...services);
  for (const service of services) {
    const ready = answers(`${service.url}/${service.name === 'api-gateway' ? 'health' : 'ready'}`);
    await until(`${service.name} to be ready`, async () => {
      if (service.child.exitCode !== null) throw new Fatal(`${service.name} exited: ${service.stderr}`);
      return ready();
    }, 120_000);
  }
  return { services, blobUrl: url(ports.blob), accountUrl: url(ports.accounts), kmsUrl: url(ports.kms) };
};

/** An account made through account-service (as the gateway forwards ARM calls), SSE as asked, with a client on key1. */
const atrestAccount = async (accountUrl: string, kmsUrl: string, blobUrl: string, name: string, encrypted: boolean): Promise<ContainerClient> => {
  const path = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}`;
  const arm = async (method: string, suffix: string, body?: unknown) => {
    const response = await fetch(`${accountUrl}${path}${suffix}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-atrest-principal': 'bench' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${name}${suffix}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { keys: Array<{ value: string }>; properties: { provisioningState: string } };
  };
  await arm('PUT', '', { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' });
  await until(`the key ring of ${name}`, answers(`${kmsUrl}${path}/encryptionKeys?api-version=2017-06-01`, { headers: { 'x-atrest-principal': 'bench' } }));
  if (encrypted) {
    const patched = await arm('PATCH', '', { properties: { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } } });
    if (patched.properties.provisioningState !== 'Succeeded') throw new Error(`encryption of ${name}: ${patched.properties.provisioningState}`);
  }
  const { keys } = await arm('POST', '/listKeys', {});
  const container = new BlobServiceClient(`${blobUrl}/${name}`, new StorageSharedKeyCredential(name, keys[0].value)).getContainerClient('bench');
  await container.create();
  return container;
};

/** The subscription signed up for the preview (as feature-registration-service would say), and its resource group. */
const prepareSubscription = async (id: string, accountUrl: string): Promise<void> => {
  const producer = new Kafka({ clientId: 'blob-bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    const streamId = `SubscriptionRegistration-${SUB}`;
    const at = new Date(Date.now() - 3_600_000);
    const data = { subscriptionId: SUB, providerNamespace: 'Microsoft.Storage', featureName: 'EncryptionAtRest', at: at.toISOString() };
    const [envelope] = envelopeEvents(streamId, 1, [{ type: 'FeatureRegistered', data }], at);
    await until('the feature registration on Kafka', async () => {
      await producer.send({ topic: `bench.${id}.atrest.features`, messages: [{ key: streamId, value: JSON.stringify(envelope) }] });
      return true;
    });
  } finally {
    await producer.disconnect();
  }
  const group = await fetch(`${accountUrl}/subscriptions/${SUB}/resourcegroups/${RG}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-atrest-principal': 'bench' },
    body: JSON.stringify({ location: 'eastus' }),
  });
  if (!group.ok) throw new Error(`resource group: ${group.status} ${await group.text()}`);
};

const startAzurite = async (folder: string): Promise<{ service: Service; container: ContainerClient }> => {
  const port = await freePort();
  const main = join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  const args = [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', folder, '--disableTelemetry', '--silent', '--skipApiVersionCheck', '--loose'];
  const service = startProcess('azurite', args, {}, `http://127.0.0.1:${port}`);
  const client = new BlobServiceClient(`${service.url}/${AZURITE_ACCOUNT}`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  const container = client.getContainerClient('bench');
  await until('azurite', async () => (await container.createIfNotExists(), true));
  return { service, container };
};

/** Bytes from a random buffer, `total` of them, `chunk` at a time (the client's memory stays small). */
const stream = (source: Buffer, total: number): Readable =>
  Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += source.length) yield source.subarray(0, Math.min(source.length, total - sent));
    })(),
  );

const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const drain = async (body: NodeJS.ReadableStream | undefined): Promise<number> => {
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes;
};

/** Runs `op` from `inFlight` loops for `seconds`; how many completed and in how long (ms, until the last one ended). */
const burst = async (seconds: number, op: () => Promise<unknown>): Promise<{ count: number; ms: number }> => {
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: SMALL_IN_FLIGHT }, async () => {
      while (performance.now() < deadline) {
        await op();
        count++;
      }
    }),
  );
  return { count, ms: performance.now() - started };
};

const largeBlob = ({ container }: Target, run: number) => container.getBlockBlobClient(`large-${run}.bin`);

/** MiB/s of one transfer of the large blob, and the CPU time what serves the target spent on it (kept in `cpu` when less than before). */
const timedLarge = async ({ meters }: Target, cpu: LargeCpu, direction: keyof LargeCpu, work: () => Promise<unknown>): Promise<number> => {
  const before = await readMeters(meters);
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  const after = await readMeters(meters);
  const spent = meters.map((m, k) => after[k] - before[k] - (idleCpu.get(m) ?? 0) * ms);
  if (!cpu[direction] || sum(spent) < sum(cpu[direction])) cpu[direction] = spent;
  return mbps(LARGE, ms);
};

const uploadLarge = (target: Target, data: Buffer, run: number, cpu: LargeCpu): Promise<number> =>
  timedLarge(target, cpu, 'upload', () => largeBlob(target, run).uploadStream(stream(data, LARGE), BLOCK, CONCURRENCY));

/** One download of the large blob, every byte counted. */
const downloadLarge = (target: Target, run: number, cpu: LargeCpu): Promise<number> =>
  timedLarge(target, cpu, 'download', async () => {
    const bytes = await drain((await largeBlob(target, run).download()).readableStreamBody);
    if (bytes !== LARGE) throw new Error(`downloaded ${bytes} bytes of ${LARGE}`);
  });

/**
 * 4 KiB uploads, then downloads of what was uploaded, per second: the
 * targets take turns in slices, each measured for SECONDS in all; and the
 * CPU time their processes spent on them (added to `cpu`).
 */
const measureSmall = async (targets: readonly Target[], prefix: string, cpu: readonly CpuPerOp[]): Promise<Array<Pick<Results, 'smallPutsPerSecond' | 'smallGetsPerSecond'>>> => {
  const small = randomBytes(SMALL);
  const written = targets.map(() => 0);
  const rate = async (op: (target: Target, i: number) => Promise<unknown>, spent: (i: number, count: number, cpuMs: number[]) => void): Promise<number[]> => {
    const totals = targets.map(() => ({ count: 0, ms: 0 }));
    for (let elapsed = 0; elapsed < SECONDS; elapsed += SLICE_SECONDS) {
      for (const [i, target] of targets.entries()) {
        const cpuBefore = await readMeters(target.meters);
        const { count, ms } = await burst(Math.min(SLICE_SECONDS, SECONDS - elapsed), () => op(target, i));
        const cpuAfter = await readMeters(target.meters);
        spent(i, count, target.meters.map((m, k) => cpuAfter[k] - cpuBefore[k] - (idleCpu.get(m) ?? 0) * ms));
        totals[i].count += count;
        totals[i].ms += ms;
      }
    }
    return totals.map(({ count, ms }) => count / (ms / 1000));
  };
  const puts = await rate(
    (target, i) => target.container.getBlockBlobClient(`${prefix}/${written[i]++}`).upload(small, SMALL),
    (i, count, cpuMs) => ((cpu[i].puts += count), cpuMs.forEach((ms, k) => (cpu[i].putMs[k] += ms))),
  );
  let read = 0;
  const gets = await rate(
    async (target, i) => drain((await target.container.getBlockBlobClient(`${prefix}/${read++ % written[i]}`).download()).readableStreamBody),
    (i, count, cpuMs) => ((cpu[i].gets += count), cpuMs.forEach((ms, k) => (cpu[i].getMs[k] += ms))),
  );
  return targets.map((_, i) => ({ smallPutsPerSecond: puts[i], smallGetsPerSecond: gets[i] }));
};

const readMeters = (meters: readonly CpuMeter[]): Promise<number[]> => Promise.all(meters.map((m) => m.cpuMs()));

/**
 * What each process spends doing nothing for a while: after the warm-up and
 * once the work it queued (events relayed and consumed) has settled.
 */
const measureIdleCpu = async (targets: readonly Target[]): Promise<void> => {
  const meters = [...new Set(targets.flatMap((t) => t.meters))];
  await sleep(SETTLE_MS);
  const before = await readMeters(meters);
  await sleep(IDLE_SAMPLE_MS);
  const after = await readMeters(meters);
  meters.forEach((m, k) => idleCpu.set(m, (after[k] - before[k]) / IDLE_SAMPLE_MS));
};

/** Every target once through 4 KiB writes and reads, unmeasured: connections open, code warm, atrest's first data key issued. */
const warmUp = async (targets: readonly Target[]): Promise<void> => {
  const small = randomBytes(SMALL);
  for (const { container } of targets) {
    let n = 0;
    await burst(WARM_UP_SECONDS, async () => {
      const blob = container.getBlockBlobClient(`warm-up/${n++}`);
      await blob.upload(small, SMALL);
      await drain((await blob.download()).readableStreamBody);
    });
  }
};

/**
 * The best of RUNS runs per target. Each run uploads the large blob to each
 * target, starting with another one each run, then downloads it DOWNLOADS
 * times per target, the targets taking turns; then the 4 KiB measurements
 * take turns. So load from elsewhere on the machine, and the writeback of
 * what was just uploaded, falls on all of them alike.
 */
const measure = async (targets: readonly Target[], data: Buffer): Promise<{ best: Results[]; cpu: CpuPerOp[]; largeCpu: LargeCpu[] }> => {
  await warmUp(targets);
  await measureIdleCpu(targets);
  const best = targets.map((): Results => ({ uploadMBps: 0, downloadMBps: 0, smallPutsPerSecond: 0, smallGetsPerSecond: 0 }));
  const cpu = targets.map((t): CpuPerOp => ({ putMs: t.meters.map(() => 0), puts: 0, getMs: t.meters.map(() => 0), gets: 0 }));
  const largeCpu = targets.map((): LargeCpu => ({}));
  const keepBest = (i: number, results: Partial<Results>) => {
    for (const [key, value] of Object.entries(results) as Array<[keyof Results, number]>) best[i][key] = Math.max(best[i][key], value);
  };
  const show = (run: number, target: Target, results: Partial<Results>, note?: string) =>
    process.stdout.write(`  run ${run + 1}, ${target.name}: ${Object.entries(results).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}${note ? ` (${note})` : ''}\n`);
  for (let run = 0; run < RUNS; run++) {
    const order = targets.map((_, i) => (i + run) % targets.length);
    if (LARGE > 0) {
      const uploads = new Map<number, number>();
      for (const i of order) uploads.set(i, await uploadLarge(targets[i], data, run, largeCpu[i]));
      // The downloads take turns too, each round starting with another target.
      const downloads = new Map<number, number[]>(order.map((i) => [i, []]));
      for (let round = 0; round < DOWNLOADS; round++)
        for (const k of order.keys()) {
          const i = order[(k + round) % order.length];
          downloads.get(i)!.push(await downloadLarge(targets[i], run, largeCpu[i]));
        }
      for (const i of order) {
        await largeBlob(targets[i], run).delete();
        const results = { uploadMBps: uploads.get(i)!, downloadMBps: Math.max(...downloads.get(i)!) };
        keepBest(i, results);
        show(run, targets[i], results, `downloads ${downloads.get(i)!.map((d) => d.toFixed(1)).join(', ')}`);
      }
    }
    const small = await measureSmall(order.map((i) => targets[i]), `small/${run}`, order.map((i) => cpu[i]));
    for (const [k, i] of order.entries()) {
      keepBest(i, small[k]);
      show(run, targets[i], small[k]);
    }
  }
  return { best, cpu, largeCpu };
};

/** Peak resident memory of each process, and of all together, while `work` runs (sampled every 50 ms). */
const peakRss = async (services: readonly Service[], work: () => Promise<unknown>) => {
  const peaks = new Map(services.map((s) => [s.name, rssOf(s.child.pid!)]));
  const idle = new Map(peaks);
  let total = 0;
  const sample = () => {
    let sum = 0;
    for (const s of services) {
      const rss = rssOf(s.child.pid!);
      peaks.set(s.name, Math.max(peaks.get(s.name)!, rss));
      sum += rss;
    }
    total = Math.max(total, sum);
  };
  const timer = setInterval(sample, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  sample();
  return { idle, peaks, total };
};

const main = async (): Promise<void> => {
  const socket = process.env.BENCH_DATABASE_URL ? undefined : await localPostgresSocket();
  ADMIN_URL = process.env.BENCH_DATABASE_URL ?? postgresUrlOf('postgres', { ...process.env, ...(socket && { PGHOST: socket }) });
  const id = randomBytes(4).toString('hex');
  const folder = mkdtempSync(join(tmpdir(), 'atrest-blob-bench-'));
  const databases = ['keys', 'accounts', 'blobs', 'blobs_eastus'].map((d) => `bench_blob_${id}_${d}`);
  const services: Service[] = [];
  // Reads which Postgres backends serve atrest (postgresMeter).
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (const database of databases.slice(0, 3)) await sql(`CREATE DATABASE "${database}"`);
    const atrest = await startAtrest(id, folder, services);
    const azurite = await startAzurite(join(folder, 'azurite'));
    services.push(azurite.service);
    await prepareSubscription(id, atrest.accountUrl);
    const plain = await atrestAccount(atrest.accountUrl, atrest.kmsUrl, atrest.blobUrl, `benchplain${id}`, false);
    const sealed = await atrestAccount(atrest.accountUrl, atrest.kmsUrl, atrest.blobUrl, `benchsealed${id}`, true);

    const data = randomBytes(BLOCK);
    const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
    process.stdout.write(
      `blob throughput: ${LARGE / MiB} MiB block blob in ${BLOCK / MiB} MiB blocks (${CONCURRENCY} in flight), ${SMALL} B blobs (${SMALL_IN_FLIGHT} in flight, ${SECONDS} s in slices of ${SLICE_SECONDS} s), best of ${RUNS}; gateway to blob-data-service over ${GATEWAY_SOCKET ? 'a Unix socket' : 'TCP'}; load average ${load()}\n`,
    );
    const kafka = kafkaMeter();
    const atrestMeters = [...atrest.services.map(processMeter), postgresMeter(admin, `bench_blob_${id}_`), ...(kafka ? [kafka] : [])];
    const { best, cpu, largeCpu } = await measure(
      [
        { name: 'azurite', container: azurite.container, meters: [processMeter(azurite.service)] },
        { name: 'atrest SSE off', container: plain, meters: atrestMeters },
        { name: 'atrest SSE on', container: sealed, meters: atrestMeters },
      ],
      data,
    );
    const [azure, off, on] = best;
    const [cpuAzure, cpuOff, cpuOn] = cpu;
    const [largeAzure, largeOff, largeOn] = largeCpu;

    const loadAfter = load();
    const atrestServices = atrest.services;
    const memory = RSS_UPLOAD > 0 ? await peakRss(atrestServices, () => sealed.getBlockBlobClient('one-gib.bin').uploadStream(stream(data, RSS_UPLOAD), BLOCK, CONCURRENCY)) : undefined;

    const fmt = (n: number, digits = 1) => n.toFixed(digits);
    const rows: Array<[string, keyof Results, string]> = [
      ...(LARGE > 0
        ? ([
            [`upload ${LARGE / MiB} MiB`, 'uploadMBps', 'MiB/s'],
            [`download ${LARGE / MiB} MiB`, 'downloadMBps', 'MiB/s'],
          ] as Array<[string, keyof Results, string]>)
        : []),
      ['4 KiB uploads', 'smallPutsPerSecond', 'ops/s'],
      ['4 KiB downloads', 'smallGetsPerSecond', 'ops/s'],
    ];
    const largest = memory ? Math.max(...memory.peaks.values()) : 0;
    const cpuRows = [
      ['upload', (c: CpuPerOp) => c.putMs.map((ms) => ms / c.puts)],
      ['download', (c: CpuPerOp) => c.getMs.map((ms) => ms / c.gets)],
    ] as const;
    const lines = [
      '',
      `Node ${process.version}, ${cpus().length} cores; Postgres and Kafka local; load average ${loadAfter} after the runs`,
      '',
      '| measurement | Azurite | atrest SSE off | atrest SSE on | on / Azurite | off / Azurite | on / off |',
      '|---|---|---|---|---|---|---|',
      ...rows.map(
        ([label, key, unit]) =>
          `| ${label} (${unit}) | ${fmt(azure[key])} | ${fmt(off[key])} | ${fmt(on[key])} | ${fmt(on[key] / azure[key], 2)} | ${fmt(off[key] / azure[key], 2)} | ${fmt(on[key] / off[key], 2)} |`,
      ),
      '',
      `CPU time per 4 KiB operation (ms, less idle use, over all runs; /proc counts 10 ms ticks): Azurite's process; atrest's processes, the Postgres backends of its databases${kafka ? ' and the Kafka broker' : ''}:`,
      '',
      '| operation | Azurite | atrest SSE off | atrest SSE on | on - off | on / off |',
      '|---|---|---|---|---|---|',
      ...cpuRows.map(
        ([label, perOp]) =>
          `| ${label} | ${fmt(sum(perOp(cpuAzure)), 2)} | ${fmt(sum(perOp(cpuOff)), 2)} | ${fmt(sum(perOp(cpuOn)), 2)} | ${fmt(sum(perOp(cpuOn)) - sum(perOp(cpuOff)), 2)} | ${fmt(sum(perOp(cpuOn)) / sum(perOp(cpuOff)), 2)} |`,
      ),
      ...cpuRows.map(
        ([label, perOp]) =>
          `  ${label}, SSE off / on: ${atrestMeters.map((meter, k) => `${meter.name} ${fmt(perOp(cpuOff)[k], 2)} / ${fmt(perOp(cpuOn)[k], 2)}`).join(', ')}`,
      ),
      ...(LARGE > 0
        ? [
            '',
            `CPU time per ${LARGE / MiB} MiB (s, less idle use, the run that used least), measured as above:`,
            '',
            '| transfer | Azurite | atrest SSE off | atrest SSE on | on - off | on / off |',
            '|---|---|---|---|---|---|',
            ...(['upload', 'download'] as const).map((direction) => {
              const [a, f, n] = [largeAzure, largeOff, largeOn].map((c) => sum(c[direction] ?? []) / 1000);
              return `| ${direction} | ${fmt(a, 2)} | ${fmt(f, 2)} | ${fmt(n, 2)} | ${fmt(n - f, 2)} | ${fmt(n / f, 2)} |`;
            }),
            ...(['upload', 'download'] as const).map(
              (direction) =>
                `  ${direction}, SSE off / on: ${atrestMeters.map((meter, k) => `${meter.name} ${fmt((largeOff[direction]?.[k] ?? 0) / 1000, 2)} / ${fmt((largeOn[direction]?.[k] ?? 0) / 1000, 2)}`).join(', ')}`,
            ),
          ]
        : []),
      ...(memory
        ? [
            '',
            `Resident memory of atrest's processes during a ${RSS_UPLOAD / MiB} MiB upload with SSE on (MiB, idle -> peak):`,
            ...atrestServices.map((s) => `  ${s.name.padEnd(24)} ${fmt(memory.idle.get(s.name)! / MiB, 0).padStart(5)} -> ${fmt(memory.peaks.get(s.name)! / MiB, 0)}`),
            `  ${'all four together'.padEnd(24)} ${fmt([...memory.idle.values()].reduce((a, b) => a + b, 0) / MiB, 0).padStart(5)} -> ${fmt(memory.total / MiB, 0)}`,
          ]
        : []),
      '',
      'Targets (issue 5):',
      ...(LARGE > 0 ? [`  encrypted throughput >= Azurite's (upload, download): ${fmt(on.uploadMBps / azure.uploadMBps, 2)}, ${fmt(on.downloadMBps / azure.downloadMBps, 2)}`] : []),
      `  SSE on costs < 10% against off (${rows.map(([label]) => label).join(', ')}): ${rows.map(([, key]) => `${fmt((1 - on[key] / off[key]) * 100, 0)}%`).join(', ')}`,
      ...(memory ? [`  peak RSS < 256 MiB per process: ${largest < 256 * MiB ? 'yes' : 'no'} (largest ${fmt(largest / MiB, 0)} MiB)`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await admin.end();
    await stop(services);
    for (const database of databases) await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    const kafkaAdmin = new Kafka({ clientId: 'blob-bench', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    const topics = (await kafkaAdmin.listTopics()).filter((t) => t.startsWith(`bench.${id}.`));
    if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics });
    await kafkaAdmin.disconnect();
    rmSync(folder, { recursive: true, force: true });
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
