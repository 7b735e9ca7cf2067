import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig, type Env } from '@atrest/platform';
import { configSchema } from './config';
import { kmsClientsOf } from './data-keys/client-auth/kms-clients.setting';
import { previousRootKeySetting, rootKeySetting } from './key-material/root-key.setting';

const rootKey = randomBytes(32).toString('base64');
const blobSecret = randomBytes(32).toString('base64');
const replicatorSecret = randomBytes(32).toString('base64');
const valid: Env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrest_keys',
  KAFKA_BROKERS: '127.0.0.1:9092',
  KMS_ROOT_KEY: rootKey,
  KMS_CLIENTS: `blob-data-service:${blobSecret},replicator-service:${replicatorSecret}`,
};
const dir = mkdtempSync(join(tmpdir(), 'kms-config-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

function problemsOf(env: Env): string[] {
  try {
    loadConfig(configSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('key-management-service config: the root key', () => {
  it('takes KMS_ROOT_KEY (base64 of 32 bytes) and never shows it: not in JSON, not in inspect output', () => {
    const config = loadConfig(configSchema, valid);
    const key = rootKeySetting.keyOf(config);
    expect(key.matches(Buffer.from(rootKey, 'base64'))).toBe(true);
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 10 }), String(key)]) {
      expect(shown).not.toContain(rootKey);
      expect(shown).not.toContain(blobSecret);
      expect(shown).not.toContain(Buffer.from(rootKey, 'base64').toString('hex'));
    }
  });

  it('takes KMS_ROOT_KEY_FILE, a file holding that (a trailing newline is fine)', () => {
    const config = loadConfig(configSchema, { ...valid, KMS_ROOT_KEY: undefined, KMS_ROOT_KEY_FILE: file('root.key', `${rootKey}\n`) });
    expect(rootKeySetting.keyOf(config).matches(Buffer.from(rootKey, 'base64'))).toBe(true);
  });

  it('refuses to start without one, saying which settings and what they hold', () => {
    expect(problemsOf({ ...valid, KMS_ROOT_KEY: undefined })).toEqual([
      'KMS_ROOT_KEY: required (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`; or KMS_ROOT_KEY_FILE: a file holding it)',
    ]);
  });

  it('reports the root key with every other bad setting at once', () => {
    expect(problemsOf({ KMS_CLIENTS: valid.KMS_CLIENTS })).toEqual([
      expect.stringMatching(/^DATABASE_URL: required/),
      expect.stringMatching(/^KAFKA_BROKERS: required/),
      expect.stringMatching(/^KMS_ROOT_KEY: required/),
    ]);
  });

  it.each([
    ['not base64', 'this is not base64!', 'KMS_ROOT_KEY: must be base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (it is not base64)'],
    ['too short', randomBytes(16).toString('base64'), 'KMS_ROOT_KEY: must be base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (it decodes to 16 bytes)'],
    ['too long', randomBytes(64).toString('base64'), 'KMS_ROOT_KEY: must be base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (it decodes to 64 bytes)'],
  ])('refuses a KMS_ROOT_KEY that is %s, without echoing it', (_, value, problem) => {
    const problems = problemsOf({ ...valid, KMS_ROOT_KEY: value });
    expect(problems).toEqual([problem]);
    expect(problems.join('\n')).not.toContain(value);
  });

  it('refuses a KMS_ROOT_KEY_FILE that cannot be read or holds no root key, naming the file', () => {
    const missing = join(dir, 'missing.key');
    expect(problemsOf({ ...valid, KMS_ROOT_KEY: undefined, KMS_ROOT_KEY_FILE: missing })).toEqual([`KMS_ROOT_KEY_FILE: cannot read ${missing} (ENOENT)`]);
    expect(problemsOf({ ...valid, KMS_ROOT_KEY: undefined, KMS_ROOT_KEY_FILE: dir })).toEqual([`KMS_ROOT_KEY_FILE: cannot read ${dir} (EISDIR)`]);
    const short = file('short.key', randomBytes(31).toString('base64'));
    expect(problemsOf({ ...valid, KMS_ROOT_KEY: undefined, KMS_ROOT_KEY_FILE: short })).toEqual([
      `KMS_ROOT_KEY_FILE: ${short} must be base64 of 32 random bytes, e.g. from \`openssl rand -base64 32\` (it decodes to 31 bytes)`,
    ]);
  });

  it('refuses both settings at once (which one would win is not obvious)', () => {
    expect(problemsOf({ ...valid, KMS_ROOT_KEY_FILE: file('both.key', rootKey) })).toEqual([
      'KMS_ROOT_KEY: set either KMS_ROOT_KEY or KMS_ROOT_KEY_FILE, not both',
    ]);
  });

  it('takes an optional KMS_PREVIOUS_ROOT_KEY (or _FILE) for a rotation, checked like the root key', () => {
    expect(previousRootKeySetting.givenKeyOf(loadConfig(configSchema, valid))).toBeUndefined();
    const previous = randomBytes(32);
    const config = loadConfig(configSchema, { ...valid, KMS_PREVIOUS_ROOT_KEY_FILE: file('previous.key', previous.toString('base64')) });
    expect(previousRootKeySetting.givenKeyOf(config)?.matches(previous)).toBe(true);
    expect(problemsOf({ ...valid, KMS_PREVIOUS_ROOT_KEY: 'short' })).toEqual([
      'KMS_PREVIOUS_ROOT_KEY: must be base64 of 32 random bytes, e.g. from `openssl rand -base64 32` (it is not base64)',
    ]);
    expect(problemsOf({ ...valid, KMS_PREVIOUS_ROOT_KEY: rootKey, KMS_PREVIOUS_ROOT_KEY_FILE: file('previous-too.key', rootKey) })).toEqual([
      'KMS_PREVIOUS_ROOT_KEY: set either KMS_PREVIOUS_ROOT_KEY or KMS_PREVIOUS_ROOT_KEY_FILE, not both',
    ]);
  });
});

describe('key-management-service config: clients of the internal API', () => {
  it('knows every client in KMS_CLIENTS and lets only KMS_AUTHORIZED_CLIENTS (default blob-data-service) use keys', () => {
    const clients = kmsClientsOf(loadConfig(configSchema, valid));
    expect(clients.identify(blobSecret)).toBe('blob-data-service');
    expect(clients.identify(replicatorSecret)).toBe('replicator-service');
    expect(clients.identify(`${blobSecret}x`)).toBeUndefined();
    expect(clients.isAuthorized('blob-data-service')).toBe(true);
    expect(clients.isAuthorized('replicator-service')).toBe(false);
    expect(JSON.stringify(clients)).toBe('"KmsClients(blob-data-service, replicator-service)"');
  });

  it('requires KMS_CLIENTS, with a hint', () => {
    expect(problemsOf({ ...valid, KMS_CLIENTS: undefined })).toEqual([
      'KMS_CLIENTS: required (comma-separated <service>:<secret> pairs, secrets of 32+ characters, e.g. blob-data-service:$(openssl rand -base64 32))',
    ]);
  });

  it.each([
    ['a short secret', 'blob-data-service:short', 'the secret of blob-data-service must be 32+ characters without spaces'],
    ['an entry without a secret', 'blob-data-service', 'the secret of blob-data-service must be 32+ characters without spaces'],
    ['a bad name', `Blob Service:${blobSecret}`, 'each entry must be <service>:<secret> with a lower-case service name'],
    ['a service twice', `blob-data-service:${blobSecret},blob-data-service:${replicatorSecret}`, 'names a service twice'],
    ['one secret for two services', `blob-data-service:${blobSecret},replicator-service:${blobSecret}`, 'gives two services the same secret'],
  ])('refuses %s, without echoing secrets', (_, value, problem) => {
    const problems = problemsOf({ ...valid, KMS_CLIENTS: value });
    expect(problems).toEqual([expect.stringContaining(`KMS_CLIENTS: ${problem} (comma-separated`)]);
    expect(problems.join('\n')).not.toContain(blobSecret);
  });

  it('refuses to authorize a client that has no credential', () => {
    expect(problemsOf({ ...valid, KMS_AUTHORIZED_CLIENTS: 'blob-data-service,api-gateway' })).toEqual([
      'KMS_AUTHORIZED_CLIENTS: api-gateway has no credential in KMS_CLIENTS',
    ]);
  });
});
