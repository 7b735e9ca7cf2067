import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createDevCertificates } from './dev-certificates';

/**
 * The gateway's local trust material, in one folder (ATREST_DEV_DIR):
 *   ca.crt               the dev CA: NODE_EXTRA_CA_CERTS=<folder>/ca.crt
 *   server.crt/.key      the HTTPS certificate of the management plane
 *   token-signing.key    the HS256 key tokens are signed and checked with
 */
export interface DevTrust {
  readonly dir: string;
  readonly caCertPath: string;
  readonly tls: { readonly cert: string; readonly key: string };
  readonly tokenKey: Uint8Array;
}

const FILES = { caCert: 'ca.crt', serverCert: 'server.crt', serverKey: 'server.key', tokenKey: 'token-signing.key' } as const;
const PRIVATE = 0o600;
const PUBLIC = 0o644;

/**
 * Reads the folder, creating it first when it does not exist. Creation is
 * atomic (written aside, then renamed into place), so a gateway and
 * `npm run token` starting together agree on one CA and one key.
 */
export function openDevTrust(dir: string, now: Date = new Date()): DevTrust {
  const folder = resolve(dir);
  if (!existsSync(folder)) create(folder, now);
  return read(folder, now);
}

function create(folder: string, now: Date): void {
  mkdirSync(dirname(folder), { recursive: true });
  const staging = mkdtempSync(`${folder}.tmp-`);
  try {
    const certificates = createDevCertificates(now, `${hostname()}, ${now.toISOString().slice(0, 10)}`);
    writeFileSync(join(staging, FILES.caCert), certificates.caCert, { mode: PUBLIC });
    writeFileSync(join(staging, FILES.serverCert), certificates.serverCert, { mode: PUBLIC });
    writeFileSync(join(staging, FILES.serverKey), certificates.serverKey, { mode: PRIVATE });
    writeFileSync(join(staging, FILES.tokenKey), `${randomBytes(32).toString('base64url')}\n`, { mode: PRIVATE });
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process created it first: use theirs.
    if (!isCode(error, 'ENOTEMPTY', 'EEXIST')) throw error;
  }
}

function read(folder: string, now: Date): DevTrust {
  const missing = Object.values(FILES).filter((file) => !existsSync(join(folder, file)));
  if (missing.length > 0) throw new Error(`${folder} lacks ${missing.join(', ')}: delete the folder and the gateway creates a new one`);
  const serverCert = readFileSync(join(folder, FILES.serverCert), 'utf8');
  const expires = new Date(new X509Certificate(serverCert).validTo);
  if (expires <= now) throw new Error(`the dev TLS certificate in ${folder} expired on ${expires.toISOString()}: delete the folder and the gateway creates a new one`);
  return {
    dir: folder,
    caCertPath: join(folder, FILES.caCert),
    tls: { cert: serverCert, key: readFileSync(join(folder, FILES.serverKey), 'utf8') },
    tokenKey: Buffer.from(readFileSync(join(folder, FILES.tokenKey), 'utf8').trim(), 'base64url'),
  };
}

const isCode = (error: unknown, ...codes: string[]): boolean => codes.includes((error as { code?: string }).code ?? '');
