import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '@atrest/testing';
import { envFor, startKms } from './testing/kms.fixtures';

// The built service (dist/, as `npm test` builds it) refuses to start, and
// says why, when its root key is missing, malformed, unreadable or not the
// one its database was set up with. Never a stack trace, never the key.

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'key-management-service', 'src', 'main.js');
const EXIT_WITHIN_MS = 20_000;
const STACK_FRAME = /^\s+at /m;

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

const run = (env: Record<string, string>): Promise<Exit> => {
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
};

describe('key-management-service refuses to start without a usable root key (built service)', () => {
  let ctx: TestContext;
  let env: Record<string, string>;
  const rootKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN.slice(ROOT.length + 1)} missing: run \`npm run build\` first`);
    ctx = await createTestContext('kms-main');
    env = { ...envFor(ctx, rootKey), LOG_LEVEL: 'info' };
  });
  afterAll(() => ctx.dispose());

  const without = (name: string) => Object.fromEntries(Object.entries(env).filter(([key]) => key !== name));
  const dir = mkdtempSync(join(tmpdir(), 'kms-main-'));

  it.each([
    ['missing', () => without('KMS_ROOT_KEY'), /^ {2}KMS_ROOT_KEY: required \(base64 of 32 random bytes.*\)$/m],
    ['not base64', () => ({ ...env, KMS_ROOT_KEY: 'not-a-key!' }), /^ {2}KMS_ROOT_KEY: must be base64 of 32 random bytes.* \(it is not base64\)$/m],
    ['the wrong length', () => ({ ...env, KMS_ROOT_KEY: randomBytes(24).toString('base64') }), /^ {2}KMS_ROOT_KEY: .* \(it decodes to 24 bytes\)$/m],
    [
      'an unreadable file',
      () => ({ ...without('KMS_ROOT_KEY'), KMS_ROOT_KEY_FILE: join(dir, 'nope.key') }),
      /^ {2}KMS_ROOT_KEY_FILE: cannot read .*nope\.key \(ENOENT\)$/m,
    ],
  ])('exits 1 when the root key is %s, naming the setting', async (_, envOf, line) => {
    const exit = await run(envOf());
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('atrest key-management-service: invalid configuration');
    expect(exit.stderr).toMatch(line);
    expect(exit.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 1 when the root key is not the one its database was set up with, and never prints a key', async () => {
    const first = await startKms('kms-main', { ctx, rootKey });
    await first.close();
    const other = randomBytes(32).toString('base64');
    const keyFile = join(dir, 'other.key');
    writeFileSync(keyFile, other);

    const exit = await run({ ...without('KMS_ROOT_KEY'), KMS_ROOT_KEY_FILE: keyFile });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('atrest key-management-service: failed to start');
    expect(exit.stderr).toContain('the root key (KMS_ROOT_KEY or KMS_ROOT_KEY_FILE) is not the one this database was set up with');
    expect(exit.stderr).not.toMatch(STACK_FRAME);
    for (const output of [exit.stderr, exit.stdout]) {
      expect(output).not.toContain(other);
      expect(output).not.toContain(rootKey);
    }
  });
});
