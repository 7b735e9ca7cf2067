import { z } from 'zod';

/**
 * Builders for env settings, so every service says the same thing about the
 * same kind of value. `.describe()` comes last: loadConfig reads it as the
 * hint printed when the setting is missing.
 */

const PORT_MESSAGE = 'must be a TCP port number (0-65535)';

export function port(defaultPort: number) {
  return z
    .string()
    .regex(/^\d{1,5}$/, PORT_MESSAGE)
    .transform(Number)
    .refine((n) => n <= 65535, PORT_MESSAGE)
    .default(defaultPort);
}

export function host(defaultHost = '127.0.0.1') {
  return z.string().default(defaultHost);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(defaultLevel: LogLevel = 'info') {
  return z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default(defaultLevel);
}

export function postgresUrl(hint = 'postgres URL, e.g. postgres://postgres@127.0.0.1:5432/mydb') {
  return z
    .string()
    .refine((value) => hasProtocol(value, ['postgres:', 'postgresql:']) && databaseName(value) !== '', {
      error: 'must be a postgres://user@host:port/database URL naming a database',
    })
    .describe(hint);
}

/** Linux's limit on a socket path (sun_path is 108 bytes, one for the terminating NUL). */
const MAX_SOCKET_PATH_BYTES = 107;

/** An optional Unix socket path: absolute, and short enough to bind. */
export function unixSocketPath(hint: string) {
  return z
    .string()
    .refine((value) => value.startsWith('/') && Buffer.byteLength(value) <= MAX_SOCKET_PATH_BYTES, {
      error: `must be an absolute path of at most ${MAX_SOCKET_PATH_BYTES} bytes, e.g. /run/atrest/blob-data-service.sock`,
    })
    .optional()
    .describe(hint);
}

export function httpUrl(hint: string) {
  return z
    .string()
    .refine((value) => hasProtocol(value, ['http:', 'https:']), { error: 'must be an http:// or https:// URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .describe(hint);
}

const BROKER = /^[^\s:,]+:\d{1,5}$/;

export function brokerList(hint = 'comma-separated host:port list, e.g. 127.0.0.1:9092') {
  return z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .refine((brokers) => brokers.length > 0 && brokers.every((broker) => BROKER.test(broker)), {
      error: 'must be a comma-separated host:port list, e.g. 127.0.0.1:9092',
    })
    .describe(hint);
}

function hasProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
