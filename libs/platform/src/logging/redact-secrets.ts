export const REDACTED = '[redacted]';

/** Request headers that carry credentials (pino redact paths, applied after serializers). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-ms-encryption-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Field names that hold secrets wherever they appear: names ending in key,
 * key1, keys (accountKey, api-key, the ARM listKeys body), secret, password,
 * passphrase, token or credential(s). Deliberately broad: it also hides a
 * Kafka message `key`; log such values under another name (aggregateId).
 */
const SECRET_NAME = /(keys?\d*|secrets?|passw(or)?d|passphrase|token|credentials?)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const MAX_DEPTH = 6;

/**
 * A copy of a log object with every secret-named field replaced by
 * "[redacted]", at any depth. Objects without such fields are returned as is.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => redactSecrets(item, depth + 1));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(value)) {
    const redacted = isSecretName(name) && field !== undefined ? REDACTED : redactSecrets(field, depth + 1);
    if (redacted !== field) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[name] = redacted;
    }
  }
  return (copy ?? value) as T;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
