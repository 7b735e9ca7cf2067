import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KEY_BYTES, SecretKey } from '@atrest/crypto';

// A secret key setting NAME (base64 of 32 bytes) or NAME_FILE (a file
// holding that): one of the two (or neither, when the key is optional). The
// key is kept in memory only (a SecretKey); messages name the setting and
// what is wrong, never the value.

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const SECRET_KEY_HINT = `base64 of ${KEY_BYTES} random bytes, e.g. from \`openssl rand -base64 ${KEY_BYTES}\``;

type Parsed = { key: SecretKey } | { problem: string };

const parseKey = (text: string): Parsed => {
  const value = text.trim();
  if (!BASE64.test(value) || value.length % 4 !== 0) return { problem: `must be ${SECRET_KEY_HINT} (it is not base64)` };
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== KEY_BYTES) return { problem: `must be ${SECRET_KEY_HINT} (it decodes to ${bytes.length} bytes)` };
  const key = new SecretKey(bytes);
  bytes.fill(0);
  return { key };
};

const readKeyFile = (path: string): Parsed => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` };
  }
  const parsed = parseKey(text);
  return 'problem' in parsed ? { problem: `${path} ${parsed.problem}` } : parsed;
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

type SecretKeySettingNames<N extends string> = N | `${N}_FILE`;

/** A secret key setting: what a config schema extends with, the rule it refines with, and the key from a validated config. */
export const secretKeySetting = <N extends string>(name: N, { required = true }: { required?: boolean } = {}) => {
  const file = `${name}_FILE` as const;
  const given = (config: Partial<Record<SecretKeySettingNames<N>, SecretKey>>): SecretKey | undefined => config[name] ?? config[file];
  return {
    /** The two settings, NAME and NAME_FILE, each optional on its own. */
    settings: { [name]: fromText(parseKey), [file]: fromText(readKeyFile) } as Record<SecretKeySettingNames<N>, ReturnType<typeof fromText>>,
    /**
     * Object-level rule: one of the two (at most one when optional). Runs
     * even when other settings are bad (so every problem is reported at
     * once); a setting that is present but bad is already reported by its
     * own schema.
     */
    validate: (config: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
      const given = [name, file].filter((setting) => config[setting] !== undefined);
      if (given.length === 0 && required) ctx.addIssue({ code: 'custom', path: [name], message: `required (${SECRET_KEY_HINT}; or ${file}: a file holding it)` });
      if (given.length === 2) ctx.addIssue({ code: 'custom', path: [name], message: `set either ${name} or ${file}, not both` });
    },
    /** The key from a validated config. */
    keyOf: (config: Partial<Record<SecretKeySettingNames<N>, SecretKey>>): SecretKey => {
      const key = given(config);
      if (!key) throw new Error(`${name}: required`);
      return key;
    },
    /** The key from a validated config, if it has one (an optional key). */
    givenKeyOf: given,
  };
};
