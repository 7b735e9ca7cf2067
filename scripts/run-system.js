#!/usr/bin/env node
/**
 * Runs the six atrest services in the foreground, from dist/ (`npm start`
 * builds first, and makes sure Postgres and Kafka run):
 *
 *   node scripts/run-system.js
 *
 * - spawns every app with the env it needs (SERVICES/serviceEnv below: the one
 *   place that says what each app gets locally);
 * - prefixes each log line with the app's name (pino JSON shortened to
 *   "time level message {fields}"; ATREST_LOG_FORMAT=json keeps the raw lines);
 * - waits until every GET /ready answers 200, then prints where things listen;
 * - Ctrl-C / SIGTERM: SIGTERM to every app, SIGKILL after ATREST_STOP_TIMEOUT;
 * - an app that exits on its own (e.g. a bad setting, a busy port) stops the
 *   rest: its last lines are printed and the exit code is 1. So does a system
 *   not ready within ATREST_READY_TIMEOUT.
 * Kafka and Postgres are left running.
 *
 * Key material (git-ignored .atrest/ at the repo root, made on first use, mode
 * 0600, kept afterwards): .atrest/kms-root-key, key-management-service's root
 * key (KMS_ROOT_KEY_FILE; losing it loses every key ring in atrest_keys), and
 * .atrest/kms-clients.json, the secrets its internal API callers present
 * (KMS_CLIENTS; blob-data-service gets its own as KMS_CLIENT_SECRET), and
 * .atrest/account-keys-sealing-key, what account-service seals account keys
 * with (ACCOUNT_KEYS_SEALING_KEY_FILE; losing it loses every account's keys).
 *
 * Environment (all optional):
 *   DATABASE_URL                 a server to use instead of PGUSER@PGHOST:PGPORT
 *                                (default postgres@127.0.0.1:5432, or the local
 *                                server's Unix socket when it lets PGUSER in there;
 *                                a PGHOST that is a path names a socket folder, as
 *                                for psql); each service gets its own database
 *                                (atrest_<x>) on it
 *   <APP>_DATABASE_URL           one service's database, e.g. ACCOUNT_SERVICE_DATABASE_URL
 *   <APP>_PORT                   one service's port, e.g. ACCOUNT_SERVICE_PORT, API_GATEWAY_PORT
 *   KAFKA_BROKERS                default 127.0.0.1:${KAFKA_PORT:-9092}
 *   EXTENT_DATA_DIR              blob-data-service's extent files (default .atrest/data/extents;
 *                                kept with the databases: losing either loses blob data)
 *   BLOB_DATA_SERVICE_SOCKET     the Unix socket the gateway reaches blob-data-service on
 *                                (default <tmpdir>/atrest-blob-data-service-<its port>.sock;
 *                                empty: its TCP port, as across hosts)
 *   LOG_LEVEL, KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS, KAFKA_CLIENT_ID   passed to every app as they are
 *   BLOB_PORT (10000), BLOB_HTTPS_PORT (10443)   the gateway's Blob data plane ports (HTTP, HTTPS)
 *   ARM_PORT (8443), ATREST_DEV_DIR (.atrest/dev-ca)   the gateway's HTTPS port and its dev CA and
 *                                token key folder, passed as they are (README: management plane)
 *   ATREST_READY_TIMEOUT (s, 120), ATREST_STOP_TIMEOUT (s, 10), ATREST_LOG_FORMAT (short|json)
 *
 * Also a module: the unit specs check serviceEnv() against each app's config schema.
 */
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { tmpdir } = require('node:os');
const { createInterface } = require('node:readline');

// How V8 runs every service (the Dockerfile's CMD and bench/ use these too):
// - a capped old space makes V8 collect garbage before the heap balloons: the
//   services hold ~35 MiB live, but an uncapped heap grew to ~160 MiB of
//   garbage under many small requests;
// - but under that cap V8 also let only ~1.5x the live heap pass, buffers
//   included, between full collections: every ~20 MiB of blob data through a
//   process cost a mark-compact, near half of the gateway's CPU on a download.
//   A growing factor of 2 halves the CPU per byte and keeps resident memory
//   about where the cap put it (README, Performance; docs/adr/0006).
const NODE_FLAGS = ['--enable-source-maps', '--max-old-space-size=384', '--heap-growing-percent=100'];

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';

/**
 * The apps, gateway first (the order of the table). `database`: its own
 * Postgres database; `kafka`: talks to Kafka; `downstream`: a setting naming
 * another app's URL -> that app; `keyService`: key-management-service (root
 * key, callers' credentials); `keyClient`: calls its internal API (gets its
 * own KMS_CLIENT_SECRET); `accountKeys`: keeps account keys (sealed with
 * ACCOUNT_KEYS_SEALING_KEY_FILE); `extentFiles`: keeps blob data in files
 * (EXTENT_DATA_DIR, default .atrest/data/extents); `gatewaySocket`: the
 * setting that gets the Unix socket blob-data-service answers on besides its
 * port (its GATEWAY_SOCKET, the gateway's BLOB_DATA_SERVICE_SOCKET): blob data
 * crosses that hop for less CPU than over loopback TCP (docs/architecture.md,
 * "The gateway hop").
 */
const SERVICES = [
  {
    name: 'api-gateway',
    port: 7100,
    downstream: {
      ACCOUNT_SERVICE_URL: 'account-service',
      FEATURE_REGISTRATION_SERVICE_URL: 'feature-registration-service',
      KEY_MANAGEMENT_SERVICE_URL: 'key-management-service',
      BLOB_DATA_SERVICE_URL: 'blob-data-service',
      REPLICATOR_SERVICE_URL: 'replicator-service',
    },
    gatewaySocket: 'BLOB_DATA_SERVICE_SOCKET',
  },
  { name: 'account-service', port: 7101, database: 'atrest_accounts', kafka: true, accountKeys: true },
  { name: 'feature-registration-service', port: 7102, database: 'atrest_features', kafka: true },
  { name: 'key-management-service', port: 7103, database: 'atrest_keys', kafka: true, keyService: true },
  {
    name: 'blob-data-service',
    port: 7104,
    database: 'atrest_blobs',
    kafka: true,
    downstream: { KMS_URL: 'key-management-service' },
    keyClient: true,
    extentFiles: true,
    gatewaySocket: 'GATEWAY_SOCKET',
  },
  { name: 'replicator-service', port: 7105, database: 'atrest_replicator', kafka: true, downstream: { BLOB_DATA_SERVICE_URL: 'blob-data-service' } },
];

/**
 * Who has a credential for key-management-service's internal API (KMS_CLIENTS).
 * The replicator's is known but refused the use of keys (KMS_AUTHORIZED_CLIENTS
 * defaults to blob-data-service): it copies ciphertext and never needs a key.
 */
const KMS_CLIENT_NAMES = ['blob-data-service', 'replicator-service'];

/** The gateway's management plane (HTTPS) and the dev CA its certificate is signed by (ARM_PORT, ATREST_DEV_DIR as the gateway reads them). */
const armUrl = () => `https://${HOST}:${process.env.ARM_PORT || 8443}`;
const devCaPath = () => path.resolve(ROOT, process.env.ATREST_DEV_DIR || '.atrest/dev-ca', 'ca.crt');

/**
 * What a user can reach, printed once everything is ready. Only surfaces that
 * exist: add the blob data plane (http://127.0.0.1:10000) here when the gateway serves it.
 */
const SURFACES = [
  { name: 'gateway health (readiness of the whole system)', url: (urls) => `${urls['api-gateway']}/ready` },
  { name: 'management plane (ARM; token: npm run --silent token -- <subscriptionId>)', url: armUrl },
  { name: 'management plane OpenAPI document', url: () => `${armUrl()}/openapi.json` },
  { name: 'dev CA to trust (NODE_EXTRA_CA_CERTS=...)', url: devCaPath },
  { name: 'Blob data plane (Shared Key: account + key from listKeys)', url: () => `http://${HOST}:${process.env.BLOB_PORT || 10000}/<account>` },
  { name: 'Blob data plane over HTTPS (the dev CA above)', url: () => `https://${HOST}:${process.env.BLOB_HTTPS_PORT || 10443}/<account>` },
];

/** "account-service" -> "ACCOUNT_SERVICE", the prefix of its per-app overrides. */
function envPrefix(name) {
  return name.toUpperCase().replace(/-/g, '_');
}

function portOf(service, env = process.env) {
  return Number(env[`${envPrefix(service.name)}_PORT`] || service.port);
}

function baseUrlOf(service, env = process.env) {
  return `http://${HOST}:${portOf(service, env)}`;
}

function databaseUrlOf(service, env = process.env) {
  const own = env[`${envPrefix(service.name)}_DATABASE_URL`];
  if (own) return own;
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    url.pathname = `/${service.database}`;
    return url.toString();
  }
  return postgresUrlOf(service.database, env);
}

/** A database on the server PGUSER, PGHOST and PGPORT name (127.0.0.1:5432 by default). */
function postgresUrlOf(database, env = process.env) {
  const user = encodeURIComponent(env.PGUSER || 'postgres');
  const port = env.PGPORT || 5432;
  // As libpq: a PGHOST that is a path names the folder of the server's Unix socket.
  if (env.PGHOST?.startsWith('/')) return `postgres://${user}@localhost/${database}?host=${encodeURIComponent(env.PGHOST)}&port=${port}`;
  return `postgres://${user}@${env.PGHOST || HOST}:${port}/${database}`;
}

/** Where Debian's and upstream's builds put a local server's Unix socket. */
const POSTGRES_SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

/**
 * The folder of the local Postgres server's Unix socket, when nothing else is
 * configured (no DATABASE_URL, no PGHOST) and the server lets PGUSER in on it
 * (pg_hba may ask for peer authentication there and trust TCP). Every query
 * then skips loopback TCP: about 15 µs of CPU per round trip on the bench
 * machine, client and server together, a few percent of a 4 KiB upload.
 */
async function localPostgresSocket(env = process.env, dirs = POSTGRES_SOCKET_DIRS) {
  if (env.DATABASE_URL || env.PGHOST) return undefined;
  const port = Number(env.PGPORT || 5432);
  const { Client } = require('pg');
  for (const dir of dirs) {
    if (!existsSync(path.join(dir, `.s.PGSQL.${port}`))) continue;
    const client = new Client({ host: dir, port, user: env.PGUSER || 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      return dir;
    } catch {
      // Refused here (authentication, a stale socket): TCP it is.
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

/** The settings one app gets (on top of the inherited environment); makes the local key files on first use. */
function serviceEnv(service, env = process.env) {
  const settings = { HOST, PORT: String(portOf(service, env)) };
  if (service.database) settings.DATABASE_URL = databaseUrlOf(service, env);
  if (service.kafka) settings.KAFKA_BROKERS = env.KAFKA_BROKERS || `${HOST}:${env.KAFKA_PORT || 9092}`;
  for (const [setting, target] of Object.entries(service.downstream ?? {})) {
    settings[setting] = baseUrlOf(serviceNamed(target), env);
  }
  if (service.keyService) {
    settings.KMS_ROOT_KEY_FILE = ensureKeyFile(KMS_ROOT_KEY_FILE);
    settings.KMS_CLIENTS = Object.entries(kmsClientSecrets())
      .map(([name, secret]) => `${name}:${secret}`)
      .join(',');
  }
  if (service.keyClient) settings.KMS_CLIENT_SECRET = kmsClientSecrets()[service.name];
  if (service.accountKeys) settings.ACCOUNT_KEYS_SEALING_KEY_FILE = ensureKeyFile(ACCOUNT_KEYS_SEALING_KEY_FILE);
  if (service.extentFiles) settings.EXTENT_DATA_DIR = env.EXTENT_DATA_DIR || path.join(ROOT, '.atrest', 'data', 'extents');
  const socket = service.gatewaySocket && blobDataServiceSocket(env);
  if (socket) settings[service.gatewaySocket] = socket;
  return settings;
}

/** BLOB_DATA_SERVICE_SOCKET, or one named after blob-data-service's port (two systems cannot share that anyway); '' turns it off. */
function blobDataServiceSocket(env) {
  if (env.BLOB_DATA_SERVICE_SOCKET !== undefined) return env.BLOB_DATA_SERVICE_SOCKET;
  return path.join(tmpdir(), `atrest-blob-data-service-${portOf(serviceNamed('blob-data-service'), env)}.sock`);
}

// --- local key material (.atrest/) ---------------------------------------------

const KEY_DIR = path.join(ROOT, '.atrest');
const KMS_ROOT_KEY_FILE = path.join(KEY_DIR, 'kms-root-key');
const KMS_CLIENTS_FILE = path.join(KEY_DIR, 'kms-clients.json');
const ACCOUNT_KEYS_SEALING_KEY_FILE = path.join(KEY_DIR, 'account-keys-sealing-key');

/**
 * Writes makeContent() to `file` (mode 0600) unless the file exists. Written aside
 * and hard-linked into place: a concurrent starter (another npm start, the
 * unit spec) either wins or reads the winner's complete file, never half of it.
 */
function createIfMissing(file, makeContent) {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(aside, makeContent(), { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
}

/**
 * A key file (base64 of 32 random bytes): made once and then kept, since what
 * it sealed needs it (.atrest/kms-root-key: the key rings in atrest_keys;
 * .atrest/account-keys-sealing-key: the account keys in atrest_accounts).
 */
function ensureKeyFile(file) {
  createIfMissing(file, () => `${randomBytes(32).toString('base64')}\n`);
  return file;
}

/** The internal API callers' secrets from .atrest/kms-clients.json (made on first use): { "<service>": "<secret>" }. */
function kmsClientSecrets() {
  createIfMissing(KMS_CLIENTS_FILE, () => {
    const fresh = Object.fromEntries(KMS_CLIENT_NAMES.map((name) => [name, randomBytes(32).toString('base64url')]));
    return `${JSON.stringify(fresh, null, 2)}\n`;
  });
  let secrets;
  try {
    secrets = JSON.parse(readFileSync(KMS_CLIENTS_FILE, 'utf8'));
  } catch (error) {
    throw new Error(`${path.relative(ROOT, KMS_CLIENTS_FILE)} is unreadable (${error.message}): delete it to get new secrets`);
  }
  const missing = KMS_CLIENT_NAMES.filter((name) => typeof secrets?.[name] !== 'string' || secrets[name].length < 32);
  if (missing.length > 0) {
    // Safe advice: no other place keeps these secrets, so new ones just take effect at the next start.
    throw new Error(`${path.relative(ROOT, KMS_CLIENTS_FILE)} has no valid secret for ${missing.join(', ')}: delete it to get new secrets`);
  }
  return Object.fromEntries(KMS_CLIENT_NAMES.map((name) => [name, secrets[name]]));
}

function serviceNamed(name) {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`unknown service ${name}`);
  return service;
}

function mainOf(service) {
  return path.join(ROOT, 'dist', 'apps', service.name, 'src', 'main.js');
}

// --- output ------------------------------------------------------------------

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const COLORS = [36, 32, 33, 35, 34, 96];
const NAME_WIDTH = Math.max(...SERVICES.map((s) => s.name.length));
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLORS = { 40: 33, 50: 31, 60: 31 };
const HIDDEN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'req', 'res', 'ms', 'err']);

function say(text) {
  process.stdout.write(`${paint(1, 'atrest:')} ${text}\n`);
}

/** A pino JSON line as "12:00:01.123 INFO  message {other fields}"; other lines as they are. */
function shortLine(line) {
  if (process.env.ATREST_LOG_FORMAT === 'json' || !line.startsWith('{')) return [line];
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return [line];
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return [line];
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 23) : '';
  const level = (LEVELS[entry.level] ?? String(entry.level)).padEnd(5);
  let text = `${time} ${paint(LEVEL_COLORS[entry.level] ?? 0, level)} ${entry.msg ?? ''}`;
  // An access-log line: req and res as libs/platform's logger serializes them (logger.options.ts).
  if (entry.req && entry.res) {
    text += ` [${entry.req.method} ${entry.req.path} -> ${entry.res.status}${entry.ms !== undefined ? ` ${entry.ms}ms` : ''}]`;
  }
  const extra = Object.fromEntries(Object.entries(entry).filter(([key]) => !HIDDEN_FIELDS.has(key)));
  if (Object.keys(extra).length > 0) text += ` ${JSON.stringify(extra)}`;
  const lines = [text];
  if (entry.err && typeof entry.err === 'object') {
    lines.push(...String(entry.err.stack ?? `${entry.err.type ?? 'Error'}: ${entry.err.message}`).split('\n'));
  }
  return lines;
}

// --- the running system ------------------------------------------------------

const TAIL_LINES = 30;

class App {
  constructor(service, index) {
    this.service = service;
    this.url = baseUrlOf(service);
    this.prefix = paint(COLORS[index % COLORS.length], `${service.name.padEnd(NAME_WIDTH)} |`);
    this.tail = [];
    this.ready = false;
    this.lastReadiness = 'not answering yet';
    this.exit = undefined; // { code, signal } once exited
  }

  start(settings, onExit) {
    const env = { ...process.env, ...settings };
    this.child = spawn(process.execPath, [...NODE_FLAGS, mainOf(this.service)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
        onExit(this);
      });
    });
    this.child.on('error', (error) => this.log(process.stderr, `could not start: ${error.message}`));
    this.pipe(this.child.stdout, process.stdout);
    this.pipe(this.child.stderr, process.stderr);
  }

  pipe(from, to) {
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      for (const text of shortLine(line)) this.log(to, text);
    });
  }

  log(to, text) {
    this.tail.push(text);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    to.write(`${this.prefix} ${text}\n`);
  }

  get running() {
    return this.child !== undefined && this.exit === undefined;
  }

  signal(name) {
    if (this.running) this.child.kill(name);
  }

  describeExit() {
    const { code, signal } = this.exit ?? {};
    return signal ? `was killed by ${signal}` : `exited with code ${code}`;
  }

  /** GET /ready once; remembers why it is not ready. */
  async probe() {
    try {
      const response = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(3_000) });
      const body = await response.json().catch(() => undefined);
      this.ready = response.status === 200;
      const down = Object.entries(body?.checks ?? {}).filter(([, result]) => result.status !== 'up');
      this.lastReadiness = down.length
        ? down.map(([name, result]) => `${name}: ${result.error ?? 'down'}`).join('; ')
        : `HTTP ${response.status}`;
    } catch (error) {
      this.ready = false;
      this.lastReadiness = `not answering (${error.cause?.code ?? error.name})`;
    }
    return this.ready;
  }
}

const seconds = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const readyTimeout = seconds('ATREST_READY_TIMEOUT', 120);
  const stopTimeout = seconds('ATREST_STOP_TIMEOUT', 10);
  const kafkaBrokers = serviceEnv(SERVICES.find((s) => s.kafka)).KAFKA_BROKERS;
  const socket = await localPostgresSocket();
  if (socket) {
    process.env.PGHOST = socket;
    say(`reaching Postgres on its Unix socket in ${socket}`);
  }

  const missing = SERVICES.filter((service) => !existsSync(mainOf(service)));
  if (missing.length > 0) {
    say(`not built: ${missing.map(mainOf).map((file) => path.relative(ROOT, file)).join(', ')} (run: bash scripts/build.sh, or npm start)`);
    process.exit(1);
  }

  // Every app's settings (making the key files) before any app starts, so a problem leaves nothing half-started.
  let settings;
  try {
    settings = SERVICES.map((service) => serviceEnv(service));
  } catch (error) {
    say(error.message);
    process.exit(1);
  }

  const apps = SERVICES.map((service, index) => new App(service, index));
  let stopping = false;

  async function stop(exitCode, reason) {
    if (stopping) return;
    stopping = true;
    if (reason) say(reason);
    const running = apps.filter((app) => app.running);
    if (running.length > 0) say(`stopping ${running.map((app) => app.service.name).join(', ')}`);
    for (const app of running) app.signal('SIGTERM');
    const all = Promise.all(apps.map((app) => app.exited));
    const timedOut = await Promise.race([all.then(() => false), sleep(stopTimeout * 1000).then(() => true)]);
    if (timedOut) {
      const stuck = apps.filter((app) => app.running);
      say(`${stuck.map((app) => app.service.name).join(', ')} still running after ${stopTimeout}s; sending SIGKILL`);
      for (const app of stuck) app.signal('SIGKILL');
      await all;
    }
    say(`all services stopped. Kafka is still running on ${kafkaBrokers} (stop it with: npm run kafka:stop); Postgres is untouched`);
    process.exit(exitCode);
  }

  function onExit(app) {
    if (stopping) return;
    const lines = app.tail.length ? app.tail.map((line) => `    ${line}`).join('\n') : '    (no output)';
    process.stderr.write(`atrest: ${app.service.name} ${app.describeExit()} unexpectedly; its last lines:\n${lines}\n`);
    void stop(1);
  }

  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      interrupts += 1;
      if (interrupts > 1 && signal === 'SIGINT') {
        say('second Ctrl-C: killing the services now');
        for (const app of apps) app.signal('SIGKILL');
        return;
      }
      void stop(0, `${signal} received`);
    });
  }
  // Output piped into something that went away (e.g. `| head`): not fatal.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  say(`starting ${apps.length} services from dist/ (Ctrl-C stops them)`);
  const startedAt = Date.now();
  apps.forEach((app, index) => app.start(settings[index], onExit));

  let lastReport = Date.now();
  while (!stopping) {
    await Promise.all(apps.filter((app) => !app.ready).map((app) => app.probe()));
    if (stopping) return;
    const waiting = apps.filter((app) => !app.ready);
    if (waiting.length === 0) break;
    const elapsed = (Date.now() - startedAt) / 1000;
    if (elapsed > readyTimeout) {
      const lines = waiting.map((app) => `    ${app.service.name}: ${app.lastReadiness}`).join('\n');
      process.stderr.write(`atrest: not ready after ${readyTimeout}s (ATREST_READY_TIMEOUT):\n${lines}\n`);
      return stop(1);
    }
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      say(`waiting for ${waiting.map((app) => `${app.service.name} (${app.lastReadiness})`).join(', ')}`);
    }
    await sleep(500);
  }

  const urls = Object.fromEntries(apps.map((app) => [app.service.name, app.url]));
  printTable(apps, urls, kafkaBrokers, (Date.now() - startedAt) / 1000);
}

function printTable(apps, urls, kafkaBrokers, elapsed) {
  const rows = [
    ['SERVICE', 'PID', 'LISTENS ON', 'DATABASE'],
    ...apps.map((app) => [
      app.service.name,
      String(app.child.pid),
      app.url,
      app.service.database ? new URL(serviceEnv(app.service).DATABASE_URL).pathname.slice(1) : '-',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map((row, i) => {
    const text = `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`.trimEnd();
    return i === 0 ? paint(1, text) : text;
  });
  const surfaceWidth = Math.max(...SURFACES.map((surface) => surface.name.length));
  const surfaces = SURFACES.map((surface) => `  ${surface.name.padEnd(surfaceWidth)}   ${surface.url(urls)}`);
  process.stdout.write(
    [
      '',
      `${paint(1, 'atrest:')} all ${apps.length} services ready in ${elapsed.toFixed(1)}s`,
      '',
      ...table,
      '',
      `  Kafka ${kafkaBrokers}, Postgres databases as above`,
      '',
      ...surfaces,
      '',
      `${paint(1, 'atrest:')} Ctrl-C stops the services (Kafka keeps running; stop it with: npm run kafka:stop)`,
      '',
    ].join('\n'),
  );
}

module.exports = { SERVICES, SURFACES, NODE_FLAGS, serviceEnv, envPrefix, shortLine, localPostgresSocket, postgresUrlOf };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`atrest: run-system failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
