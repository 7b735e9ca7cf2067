/**
 * docker-compose.yml, the Dockerfile and scripts/run-system.js cannot drift
 * from the apps: every app under apps/ must be a compose service built from
 * the Dockerfile with its APP arg, whose environment satisfies the app's own
 * config schema (so a newly required setting fails here until compose and the
 * local runner supply it), depending on healthy Postgres/Kafka where it uses
 * them; a caller of key-management-service gets the secret KMS_CLIENTS holds
 * for it. No Docker engine needed: the files are only read (the runner's
 * serviceEnv makes its key files in .atrest/ if they are missing, as npm start does).
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { ConfigError, loadConfig, type Env } from '@atrest/platform';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = resolve(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: Array<string | { source?: string; target?: string }>;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const services = compose.services;

const APPS = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'apps', entry.name, 'src', 'config.ts')))
  .map((entry) => entry.name)
  .sort();

async function configSchemaOf(app: string): Promise<z.ZodObject> {
  const module = (await import(join(ROOT, 'apps', app, 'src', 'config'))) as { configSchema?: z.ZodObject };
  if (!module.configSchema) throw new Error(`apps/${app}/src/config.ts exports no configSchema`);
  return module.configSchema;
}

/** The problems loadConfig reports for env: [] when the app would start. */
function configProblems(schema: z.ZodObject, env: Env): string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

/** A compose `KEY: value` map or `KEY=value` list as strings; a bare `KEY` (taken from the host) counts as unset. */
function keyValues(value: Record<string, unknown> | string[] | undefined): Env {
  if (!value) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, undefined] : [item.slice(0, at), item.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v === null || v === undefined ? undefined : String(v)]));
}

const environmentOf = (name: string): Env => keyValues(services[name]?.environment);

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** [published, target] pairs of a service's ports. */
function publishedPorts(service: ComposeService): Array<[string, string]> {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return [String(port.published ?? ''), String(port.target ?? '')];
    const parts = String(port).split('/')[0].split(':');
    return [parts.length >= 2 ? parts[parts.length - 2] : '', parts[parts.length - 1]];
  });
}

/** key-management-service's KMS_CLIENTS ("<service>:<secret>,...") as { service: secret }. */
const kmsClientsOf = (env: Env): Record<string, string> =>
  Object.fromEntries(
    (env.KMS_CLIENTS ?? '').split(',').map((entry) => {
      const at = entry.indexOf(':');
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );

const defaultPortOf = (schema: z.ZodObject): unknown => (schema.shape.PORT as z.ZodType | undefined)?.parse(undefined);

const initSql = readdirSync(join(ROOT, 'infra/postgres/init'))
  .filter((file) => file.endsWith('.sql'))
  .map((file) => read(join('infra/postgres/init', file)))
  .join('\n');
const initDatabases = new Set([...initSql.matchAll(/CREATE\s+DATABASE\s+"?(\w+)"?/gi)].map((match) => match[1]));

describe('docker-compose.yml', () => {
  it('finds the apps', () => {
    expect(APPS).toContain('api-gateway');
    expect(APPS.length).toBeGreaterThanOrEqual(6);
  });

  it('builds every compose app from an existing app', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      expect({ service: name, app: keyValues(typeof service.build === 'object' ? service.build.args : undefined).APP }).toEqual({
        service: name,
        app: name,
      });
      expect(APPS).toContain(name);
    }
  });

  describe.each(APPS)('%s', (app) => {
    let schema: z.ZodObject;
    beforeAll(async () => {
      schema = await configSchemaOf(app);
    });

    it('is a service built from the Dockerfile with APP set to the app', () => {
      const service = services[app];
      expect(service).toBeDefined();
      expect(typeof service.build).toBe('object');
      const build = service.build as { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
      expect(build.context ?? '.').toMatch(/^\.\/?$/);
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(keyValues(build.args).APP).toBe(app);
    });

    it("has an environment that satisfies the app's config schema", () => {
      expect(configProblems(schema, environmentOf(app))).toEqual([]);
    });

    it('listens on all interfaces, on its default port, set explicitly (the healthcheck reads PORT)', () => {
      const env = environmentOf(app);
      expect(env.HOST).toBe('0.0.0.0');
      expect(env.PORT).toBe(String(defaultPortOf(schema)));
    });

    it('has a healthcheck', () => {
      const healthcheck = services[app].healthcheck;
      expect(healthcheck?.disable).not.toBe(true);
      expect(JSON.stringify(healthcheck?.test ?? '')).toMatch(/\/(ready|health)/);
    });

    it('uses its own database on the postgres service, created by the init script, once postgres is healthy', () => {
      const env = environmentOf(app);
      if (!('DATABASE_URL' in schema.shape)) {
        expect(env.DATABASE_URL).toBeUndefined();
        return;
      }
      const url = new URL(env.DATABASE_URL ?? '');
      expect(url.hostname).toBe('postgres');
      expect(initDatabases).toContain(url.pathname.slice(1));
      expect(dependencies(services[app]).postgres).toBe('service_healthy');
      const others = APPS.filter((other) => other !== app).map((other) => environmentOf(other).DATABASE_URL);
      expect(others).not.toContain(env.DATABASE_URL);
    });

    it('reaches Kafka at kafka:9092 once kafka is healthy', () => {
      if (!('KAFKA_BROKERS' in schema.shape)) return;
      expect(environmentOf(app).KAFKA_BROKERS).toBe('kafka:9092');
      expect(dependencies(services[app]).kafka).toBe('service_healthy');
    });

    it('points every URL setting naming another service at its port, and waits for it to be healthy', () => {
      for (const [setting, value] of Object.entries(environmentOf(app))) {
        const match = /^https?:\/\/([^/:]+)(?::(\d+))?/.exec(value ?? '');
        if (!match || !services[match[1]]) continue;
        const [, target, port] = match;
        expect({ setting, port }).toEqual({ setting, port: environmentOf(target).PORT });
        expect({ setting, condition: dependencies(services[app])[target] }).toEqual({ setting, condition: 'service_healthy' });
      }
    });
  });

  it('publishes the gateway ports 7100, 8443, 10000 and 10443', () => {
    const ports = publishedPorts(services['api-gateway']);
    for (const port of ['7100', '8443', '10000', '10443']) expect(ports).toContainEqual([port, port]);
  });

  it("gives blob-data-service the secret that key-management-service's KMS_CLIENTS holds for it", () => {
    const secret = environmentOf('blob-data-service').KMS_CLIENT_SECRET;
    expect(secret).toBeTruthy();
    expect(kmsClientsOf(environmentOf('key-management-service'))['blob-data-service']).toBe(secret);
  });

  it('keeps blob-data-service\'s extent files on a named volume at EXTENT_DATA_DIR, a folder the image makes writable for its user', () => {
    const folder = environmentOf('blob-data-service').EXTENT_DATA_DIR;
    expect(folder).toBeTruthy();
    expect(services['blob-data-service'].volumes).toContainEqual(`extent-data:${folder}`);
    expect(Object.keys(compose.volumes ?? {})).toContain('extent-data');
    expect(read('Dockerfile')).toContain(`chown node:node ${folder}`);
  });

  it('holds only key material marked dev-only', () => {
    const kms = environmentOf('key-management-service');
    expect(Buffer.from(kms.KMS_ROOT_KEY ?? '', 'base64').toString('latin1')).toMatch(/DEV-ONLY/);
    expect(Buffer.from(environmentOf('account-service').ACCOUNT_KEYS_SEALING_KEY ?? '', 'base64').toString('latin1')).toMatch(/DEV-ONLY/);
    expect(Object.values(kmsClientsOf(kms)).filter((secret) => !secret.startsWith('dev-only-'))).toEqual([]);
  });

  it('runs Kafka 3.9 in KRaft mode, reachable by other containers at kafka:9092', () => {
    const kafka = services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    const env = environmentOf('kafka');
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
    expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(kafka.healthcheck?.test).toBeDefined();
  });

  it('runs Postgres 16 with the init scripts creating every service database', () => {
    const postgres = services.postgres;
    expect(postgres.image).toBe('postgres:16-alpine');
    expect(JSON.stringify(postgres.volumes)).toContain('./infra/postgres/init:/docker-entrypoint-initdb.d');
    expect(postgres.healthcheck?.test).toBeDefined();
    for (const app of APPS) {
      const url = environmentOf(app).DATABASE_URL;
      if (url) expect(initDatabases).toContain(new URL(url).pathname.slice(1));
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on Node 22 with an APP argument, runs dist/apps/${APP} as a non-root user with a /health check', () => {
    expect(dockerfile).toMatch(/node:22/);
    expect(dockerfile).toMatch(/^ARG APP\b/m);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/scripts\/build\.sh/);
    expect(dockerfile).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/health/m);
    expect(dockerfile).toMatch(/^CMD .*node .*dist\/apps\/\$\{APP\}\/src\/main\.js/m);
  });

  it('runs node with the V8 settings npm start uses', async () => {
    const { NODE_FLAGS } = (await import(join(ROOT, 'scripts', 'run-system.js'))) as { NODE_FLAGS: string[] };
    expect(dockerfile).toMatch(new RegExp(`^CMD exec node ${NODE_FLAGS.join(' ')} dist/`, 'm'));
  });
});

describe('scripts/run-system.js (npm start)', () => {
  interface RunnerService {
    name: string;
    port: number;
  }
  let runner: { SERVICES: RunnerService[]; serviceEnv: (service: RunnerService, env?: Env) => Env; shortLine: (line: string) => string[] };
  beforeAll(async () => {
    runner = await import(join(ROOT, 'scripts', 'run-system.js'));
  });

  it('runs every app', () => {
    expect(runner.SERVICES.map((service) => service.name).sort()).toEqual(APPS);
  });

  it("shortens an access-log line as libs/platform's logger writes it (req.method/path, res.status, ms)", () => {
    const line = {
      level: 30,
      time: Date.UTC(2026, 10, 29, 12, 0, 1, 123),
      service: 'blob-data-service',
      req: { id: 'r-1', method: 'PUT', path: '/acct/box?restype=container' },
      res: { status: 409 },
      ms: 8,
      msg: 'request completed',
    };
    expect(runner.shortLine(JSON.stringify(line))).toEqual(['12:00:01.123 INFO  request completed [PUT /acct/box?restype=container -> 409 8ms]']);
  });

  const envOf = (app: string): Env => runner.serviceEnv(runner.SERVICES.find((s) => s.name === app)!, {});

  it.each(APPS)("gives %s an environment that satisfies its config schema, on its default port", async (app) => {
    const schema = await configSchemaOf(app);
    const env = envOf(app);
    expect(configProblems(schema, env)).toEqual([]);
    expect(env.PORT).toBe(String(defaultPortOf(schema)));
  });

  it('reaches Postgres on a Unix socket when PGHOST names its folder, as psql does, in a URL every app accepts', async () => {
    const env = runner.serviceEnv(runner.SERVICES.find((s) => s.name === 'blob-data-service')!, { PGHOST: '/var/run/postgresql', PGPORT: '5433' });
    expect(env.DATABASE_URL).toBe('postgres://postgres@localhost/atrest_blobs?host=%2Fvar%2Frun%2Fpostgresql&port=5433');
    expect(configProblems(await configSchemaOf('blob-data-service'), env)).toEqual([]);
    expect(envOf('blob-data-service').DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/atrest_blobs');
  });

  it('keeps blob-data-service\'s extent files under .atrest/ unless EXTENT_DATA_DIR says otherwise', () => {
    expect(envOf('blob-data-service').EXTENT_DATA_DIR).toBe(join(ROOT, '.atrest', 'data', 'extents'));
    expect(runner.serviceEnv(runner.SERVICES.find((s) => s.name === 'blob-data-service')!, { EXTENT_DATA_DIR: '/srv/extents' }).EXTENT_DATA_DIR).toBe('/srv/extents');
  });

  it('has the gateway reach blob-data-service on one Unix socket, named after its port unless BLOB_DATA_SERVICE_SOCKET says otherwise (empty: TCP)', () => {
    const socket = join(tmpdir(), 'atrest-blob-data-service-7104.sock');
    expect([envOf('blob-data-service').GATEWAY_SOCKET, envOf('api-gateway').BLOB_DATA_SERVICE_SOCKET]).toEqual([socket, socket]);
    const blobOn = (env: Env) => runner.serviceEnv(runner.SERVICES.find((s) => s.name === 'blob-data-service')!, env).GATEWAY_SOCKET;
    expect(blobOn({ BLOB_DATA_SERVICE_PORT: '7204' })).toBe(join(tmpdir(), 'atrest-blob-data-service-7204.sock'));
    expect(blobOn({ BLOB_DATA_SERVICE_SOCKET: '/run/atrest/blob.sock' })).toBe('/run/atrest/blob.sock');
    expect(blobOn({ BLOB_DATA_SERVICE_SOCKET: '' })).toBeUndefined();
    expect(runner.serviceEnv(runner.SERVICES.find((s) => s.name === 'api-gateway')!, { BLOB_DATA_SERVICE_SOCKET: '' }).BLOB_DATA_SERVICE_SOCKET).toBeUndefined();
  });

  it("gives blob-data-service key-management-service's URL and the secret KMS_CLIENTS holds for it", () => {
    const blob = envOf('blob-data-service');
    expect(blob.KMS_URL).toBe(`http://127.0.0.1:${envOf('key-management-service').PORT}`);
    expect(blob.KMS_CLIENT_SECRET).toBeTruthy();
    expect(kmsClientsOf(envOf('key-management-service'))['blob-data-service']).toBe(blob.KMS_CLIENT_SECRET);
  });

  it('keeps the root key and the callers\' secrets in .atrest/ (mode 0600), reused on every start', () => {
    const first = envOf('key-management-service');
    expect(first.KMS_ROOT_KEY_FILE).toBe(join(ROOT, '.atrest', 'kms-root-key'));
    for (const file of [first.KMS_ROOT_KEY_FILE!, join(ROOT, '.atrest', 'kms-clients.json')]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(kmsClientsOf(first)).sort()).toEqual(['blob-data-service', 'replicator-service']);
    const rootKey = readFileSync(first.KMS_ROOT_KEY_FILE!, 'utf8');
    expect(envOf('key-management-service')).toEqual(first);
    expect(readFileSync(first.KMS_ROOT_KEY_FILE!, 'utf8')).toBe(rootKey);
  });

  it("keeps account-service's sealing key in .atrest/ (mode 0600), apart from the root key, reused on every start", () => {
    const first = envOf('account-service');
    expect(first.ACCOUNT_KEYS_SEALING_KEY_FILE).toBe(join(ROOT, '.atrest', 'account-keys-sealing-key'));
    expect(statSync(first.ACCOUNT_KEYS_SEALING_KEY_FILE!).mode & 0o777).toBe(0o600);
    const sealingKey = readFileSync(first.ACCOUNT_KEYS_SEALING_KEY_FILE!, 'utf8');
    expect(Buffer.from(sealingKey.trim(), 'base64')).toHaveLength(32);
    expect(sealingKey).not.toBe(readFileSync(envOf('key-management-service').KMS_ROOT_KEY_FILE!, 'utf8'));
    expect(envOf('account-service')).toEqual(first);
  });
});
