import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Every app (all six, not only this one) refuses to start, quickly and
// readably, when a required setting is missing or bad. Runs the built
// services: `npm test` builds dist/ first.

const ROOT = join(__dirname, '..', '..', '..');
const EXIT_WITHIN_MS = 10_000;

const SERVICE_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrest_config_spec',
  KAFKA_BROKERS: '127.0.0.1:9092',
};
const GATEWAY_ENV = {
  ACCOUNT_SERVICE_URL: 'http://127.0.0.1:7101',
  FEATURE_REGISTRATION_SERVICE_URL: 'http://127.0.0.1:7102',
  KEY_MANAGEMENT_SERVICE_URL: 'http://127.0.0.1:7103',
  BLOB_DATA_SERVICE_URL: 'http://127.0.0.1:7104',
  REPLICATOR_SERVICE_URL: 'http://127.0.0.1:7105',
};

const cases: Array<{ app: string; env: Record<string, string>; remove: string }> = [
  { app: 'account-service', env: SERVICE_ENV, remove: 'DATABASE_URL' },
  { app: 'account-service', env: SERVICE_ENV, remove: 'ACCOUNT_KEYS_SEALING_KEY' },
  { app: 'feature-registration-service', env: SERVICE_ENV, remove: 'KAFKA_BROKERS' },
  { app: 'key-management-service', env: SERVICE_ENV, remove: 'DATABASE_URL' },
  { app: 'blob-data-service', env: SERVICE_ENV, remove: 'DATABASE_URL' },
  { app: 'replicator-service', env: SERVICE_ENV, remove: 'KAFKA_BROKERS' },
  { app: 'api-gateway', env: GATEWAY_ENV, remove: 'ACCOUNT_SERVICE_URL' },
];

interface Exit {
  code: number | null;
  stderr: string;
  elapsedMs: number;
}

function mainOf(app: string): string {
  return join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
}

/** Runs a built app with exactly `env` (plus PATH); kills it if it outlives the limit. */
function run(app: string, env: Record<string, string>): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [mainOf(app)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, elapsedMs: Date.now() - started });
    });
  });
}

function without(env: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...env };
  delete copy[name];
  return copy;
}

const STACK_FRAME = /^\s+at /m;

describe('services refuse a bad configuration', () => {
  beforeAll(() => {
    const missing = cases.map(({ app }) => mainOf(app)).filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(`built services missing (${missing.map((file) => file.slice(ROOT.length + 1)).join(', ')}): run \`npm run build\` first`);
    }
  });

  it.each(cases)('$app exits 1 naming $remove when it is missing', async ({ app, env, remove }) => {
    const exit = await run(app, without(env, remove));

    expect(exit.code).toBe(1);
    expect(exit.elapsedMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(exit.stderr).toContain(`atrest ${app}: invalid configuration`);
    expect(exit.stderr).toMatch(new RegExp(`^  ${remove}: required \\(.+\\)$`, 'm'));
    expect(exit.stderr).not.toMatch(STACK_FRAME);
  });

  it('names a bad value and what it should be', async () => {
    const exit = await run('account-service', { ...SERVICE_ENV, PORT: 'eighty' });

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('PORT: must be a TCP port number (0-65535)');
    expect(exit.stderr).not.toMatch(STACK_FRAME);
  });
});
