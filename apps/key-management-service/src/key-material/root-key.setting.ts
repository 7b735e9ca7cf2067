import { readFileSync } from 'node:fs';
import { KEY_BYTES } from '@atrest/crypto';
import { z } from 'zod';
import { SecretKey } from './root-key';

// KMS_ROOT_KEY (base64 of 32 bytes) or KMS_ROOT_KEY_FILE (a file holding
// that): the top of the key hierarchy. Kept in memory only; messages name the
// setting and what is wrong, never the value.

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const ROOT_KEY_HINT = `base64 of ${KEY_BYTES} random bytes, e.g. from \`openssl rand -base64 ${KEY_BYTES}\``;

type Parsed = { key: SecretKey } | { problem: string };

const parseRootKey = (text: string): Parsed => {
  const value = text.trim();
  if (!BASE64.test(value) || value.length % 4 !== 0) return { problem: `must be ${ROOT_KEY_HINT} (it is not base64)` };
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== KEY_BYTES) return { problem: `must be ${ROOT_KEY_HINT} (it decodes to ${bytes.length} bytes)` };
  const key = new SecretKey(bytes);
  bytes.fill(0);
  return { key };
};

const fromText = (parse: (value: string) => Parsed) =>
  z
    .string()
    .transform((value, ctx): SecretKey => {
      const parsed = parse(value);
      if ('key' in parsed) return parsed.key;
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    })
    .optional();

const readKeyFile = (path: string): Parsed => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` };
  }
  const parsed = parseRootKey(text);
  return 'problem' in parsed ? { problem: `${path} ${parsed.problem}` } : parsed;
};

export const rootKeySettings = {
  KMS_ROOT_KEY: fromText(parseRootKey),
  KMS_ROOT_KEY_FILE: fromText(readKeyFile),
};

interface RootKeyConfig {
  KMS_ROOT_KEY?: SecretKey;
  KMS_ROOT_KEY_FILE?: SecretKey;
}

/**
 * Object-level rule: exactly one of the two settings. Runs even when other
 * settings are bad (so every problem is reported at once); a setting that is
 * present but bad is already reported by its own schema.
 */
export const requireOneRootKey = (config: Partial<Record<keyof RootKeyConfig, unknown>>, ctx: z.RefinementCtx): void => {
  const given = (['KMS_ROOT_KEY', 'KMS_ROOT_KEY_FILE'] as const).filter((name) => config[name] !== undefined);
  if (given.length === 0)
    ctx.addIssue({ code: 'custom', path: ['KMS_ROOT_KEY'], message: `required (${ROOT_KEY_HINT}; or KMS_ROOT_KEY_FILE: a file holding it)` });
  if (given.length === 2)
    ctx.addIssue({ code: 'custom', path: ['KMS_ROOT_KEY'], message: 'set either KMS_ROOT_KEY or KMS_ROOT_KEY_FILE, not both' });
};

/** The root key from a validated config. */
export const rootKeyOf = (config: RootKeyConfig): SecretKey => {
  const key = config.KMS_ROOT_KEY ?? config.KMS_ROOT_KEY_FILE;
  if (!key) throw new Error('KMS_ROOT_KEY: required');
  return key;
};
