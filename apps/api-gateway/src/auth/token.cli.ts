import { ConfigError, Env, loadConfig } from '@atrest/platform';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { devTrustSettings } from '../config';
import { openDevTrust } from '../dev-trust/dev-trust';
import { issueToken, TokenRequest } from './token-issuer';

const USAGE = `usage: npm run --silent token -- <subscriptionId>... [--operator] [--ttl 1h] [--subject name]

Prints a bearer token for the management plane (https://127.0.0.1:8443) and nothing else.
  <subscriptionId>...  subscriptions the token may act on (its subscriptions claim)
  --operator           adds the Operator role (/operator/... endpoints)
  --ttl <span>         lifetime: seconds, or a number with s, m, h or d (default 1h, at most 30d)
  --subject <name>     the caller's name, sent to services as x-atrest-principal (default developer)
The signing key is in ATREST_DEV_DIR (default .atrest/dev-ca), created on first use.`;

const TTL = /^(\d+)([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_TTL_SECONDS = 30 * 86_400;

export class UsageError extends Error {}

/** The token request the command line asks for; a UsageError says what is wrong. */
export function parseTokenArguments(argv: readonly string[]): TokenRequest | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        operator: { type: 'boolean', default: false },
        ttl: { type: 'string', default: '1h' },
        subject: { type: 'string', default: 'developer' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0 && !values.operator) throw new UsageError('name at least one subscription id (or --operator)');
  const ttl = TTL.exec(values.ttl);
  const ttlSeconds = ttl ? Number(ttl[1]) * UNIT_SECONDS[ttl[2]] : NaN;
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_TTL_SECONDS)) throw new UsageError(`--ttl ${values.ttl}: give seconds or a span like 90m, 12h, 7d (at most 30d)`);
  if (!values.subject.trim()) throw new UsageError('--subject must not be empty');
  return { subject: values.subject.trim(), subscriptions: positionals, operator: values.operator, ttlSeconds };
}

/** `npm run token`: prints the token on stdout, problems on stderr; returns the exit code. */
export async function main(argv: readonly string[], env: Env = process.env): Promise<number> {
  try {
    const request = parseTokenArguments(argv);
    if (request === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const settings = loadConfig(z.object(devTrustSettings), env);
    const trust = openDevTrust(settings.ATREST_DEV_DIR);
    process.stdout.write(`${await issueToken(trust.tokenKey, settings.ARM_TOKEN_AUDIENCE, request)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`atrest token: ${error.message}\n\n${USAGE}\n`);
    else if (error instanceof ConfigError) process.stderr.write(`atrest token: invalid configuration\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
    else process.stderr.write(`atrest token: ${(error as Error).message}\n`);
    return 2;
  }
}

// Run directly (node dist/apps/api-gateway/src/auth/token.cli.js <sub>), e.g. inside the gateway's container.
if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
