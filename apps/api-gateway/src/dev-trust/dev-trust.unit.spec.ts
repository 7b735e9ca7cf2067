import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDevTrust } from './dev-trust';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atrest-dev-trust-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('dev trust folder', () => {
  it('creates a CA, a server certificate for 127.0.0.1, ::1 and localhost signed by it, and a token key', () => {
    const trust = openDevTrust(join(root, 'nested', 'dev-ca'));
    const ca = new X509Certificate(readFileSync(trust.caCertPath));
    const server = new X509Certificate(trust.tls.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBeDefined();
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(trust.tokenKey).toHaveLength(32);
  });

  it('keeps private material private and never stores the CA key', () => {
    const trust = openDevTrust(join(root, 'dev-ca'));
    expect(readdirSync(trust.dir).sort()).toEqual(['ca.crt', 'server.crt', 'server.key', 'token-signing.key']);
    expect(statSync(trust.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(trust.dir, 'server.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(trust.dir, 'token-signing.key')).mode & 0o777).toBe(0o600);
  });

  it('reads an existing folder instead of making new material', () => {
    const first = openDevTrust(join(root, 'dev-ca'));
    const second = openDevTrust(join(root, 'dev-ca'));
    expect(second.tls).toEqual(first.tls);
    expect(Buffer.from(second.tokenKey)).toEqual(Buffer.from(first.tokenKey));
  });

  it('says what to do with an incomplete folder', () => {
    mkdirSync(join(root, 'dev-ca'));
    expect(() => openDevTrust(join(root, 'dev-ca'))).toThrow(/lacks ca\.crt, server\.crt, server\.key, token-signing\.key: delete the folder/);
  });

  it('says what to do once the server certificate has expired', () => {
    openDevTrust(join(root, 'dev-ca'));
    expect(() => openDevTrust(join(root, 'dev-ca'), new Date(Date.now() + 900 * 86_400_000))).toThrow(/expired .*delete the folder/);
  });
});
