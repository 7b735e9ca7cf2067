import { z } from 'zod';
import { KmsClients, type Credential } from './kms-clients';

// KMS_CLIENTS: who may authenticate to the internal API, as
// "<service>:<secret>,<service>:<secret>"; KMS_AUTHORIZED_CLIENTS: which of
// them may use keys. Messages never echo a secret.

const NAME = /^[a-z][a-z0-9-]*$/;
const MIN_SECRET_LENGTH = 32;
const HINT = `comma-separated <service>:<secret> pairs, secrets of ${MIN_SECRET_LENGTH}+ characters, e.g. blob-data-service:$(openssl rand -base64 32)`;

const problemOf = (credentials: readonly Credential[]): string | undefined => {
  if (credentials.length === 0) return 'names no client';
  if (credentials.some((c) => !NAME.test(c.name))) return 'each entry must be <service>:<secret> with a lower-case service name';
  const weak = credentials.find((c) => c.secret.length < MIN_SECRET_LENGTH || /\s/.test(c.secret));
  if (weak) return `the secret of ${weak.name} must be ${MIN_SECRET_LENGTH}+ characters without spaces`;
  if (new Set(credentials.map((c) => c.name)).size < credentials.length) return 'names a service twice';
  if (new Set(credentials.map((c) => c.secret)).size < credentials.length) return 'gives two services the same secret';
  return undefined;
};

// Parsed straight into KmsClients, so the config object never holds a secret in plain view.
const credentials = z
  .string()
  .transform((value, ctx): KmsClients => {
    const parsed = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf(':');
        return at < 0 ? { name: entry, secret: '' } : { name: entry.slice(0, at), secret: entry.slice(at + 1) };
      });
    const problem = problemOf(parsed);
    if (!problem) return new KmsClients(parsed);
    ctx.addIssue({ code: 'custom', message: `${problem} (${HINT})` });
    return z.NEVER;
  })
  .describe(HINT);

export const kmsClientSettings = {
  KMS_CLIENTS: credentials,
  KMS_AUTHORIZED_CLIENTS: z
    .string()
    .default('blob-data-service')
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)),
};

/** Object-level rule: every authorized client has a credential. */
export const requireKnownAuthorizedClients = (
  config: { KMS_CLIENTS?: unknown; KMS_AUTHORIZED_CLIENTS?: unknown },
  ctx: z.RefinementCtx,
): void => {
  if (!(config.KMS_CLIENTS instanceof KmsClients) || !Array.isArray(config.KMS_AUTHORIZED_CLIENTS)) return;
  const known = new Set(config.KMS_CLIENTS.names);
  const unknown = (config.KMS_AUTHORIZED_CLIENTS as string[]).filter((name) => !known.has(name));
  if (unknown.length > 0)
    ctx.addIssue({ code: 'custom', path: ['KMS_AUTHORIZED_CLIENTS'], message: `${unknown.join(', ')} has no credential in KMS_CLIENTS` });
};

export const kmsClientsOf = (config: { KMS_CLIENTS: KmsClients; KMS_AUTHORIZED_CLIENTS: string[] }): KmsClients =>
  config.KMS_CLIENTS.authorizing(config.KMS_AUTHORIZED_CLIENTS);
