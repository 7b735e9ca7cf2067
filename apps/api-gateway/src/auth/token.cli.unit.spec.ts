import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDevTrust } from '../dev-trust/dev-trust';
import { main, parseTokenArguments, UsageError } from './token.cli';
import { authenticate } from './token-verifier';

describe('npm run token arguments', () => {
  it('takes subscription ids, with a one-hour default lifetime', () => {
    expect(parseTokenArguments(['sub-1', 'sub-2'])).toEqual({ subject: 'developer', subscriptions: ['sub-1', 'sub-2'], operator: false, ttlSeconds: 3600 });
  });

  it('reads --operator, --ttl in seconds or with a unit, and --subject', () => {
    expect(parseTokenArguments(['--operator'])).toMatchObject({ subscriptions: [], operator: true });
    expect(parseTokenArguments(['s', '--ttl', '90'])).toMatchObject({ ttlSeconds: 90 });
    expect(parseTokenArguments(['s', '--ttl', '15m'])).toMatchObject({ ttlSeconds: 900 });
    expect(parseTokenArguments(['s', '--ttl=7d'])).toMatchObject({ ttlSeconds: 604_800 });
    expect(parseTokenArguments(['s', '--subject', 'alice'])).toMatchObject({ subject: 'alice' });
    expect(parseTokenArguments(['--help'])).toBe('help');
  });

  it.each([[[]], [['s', '--ttl', '0']], [['s', '--ttl', '31d']], [['s', '--ttl', '1y']], [['s', '--subject', ' ']], [['s', '--nope']]])('refuses %j', (argv) => {
    expect(() => parseTokenArguments(argv)).toThrow(UsageError);
  });
});

describe('npm run token', () => {
  let root: string;
  let stdout: string;
  let stderr: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atrest-token-'));
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints only a token, one the gateway accepts with the key of the same folder', async () => {
    const env = { ATREST_DEV_DIR: join(root, 'dev-ca') };
    await expect(main(['sub-1', '--subject', 'alice'], env)).resolves.toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(stderr).toBe('');
    const principal = await authenticate(`Bearer ${stdout.trim()}`, openDevTrust(env.ATREST_DEV_DIR).tokenKey, 'https://management.azure.com/');
    expect(principal).toMatchObject({ subject: 'alice', subscriptions: new Set(['sub-1']) });
  });

  it('prints usage on stderr and nothing on stdout when the arguments are wrong', async () => {
    await expect(main([], { ATREST_DEV_DIR: join(root, 'dev-ca') })).resolves.toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^atrest token: name at least one subscription id[\s\S]*usage: npm run --silent token/);
  });
});
