import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isSecretName, REDACTED } from './redact-secrets';

/** A request that takes at least this long is logged at info whatever its status. */
export const SLOW_REQUEST_MS = 1_000;

/** How one request ended, as the access log judges it. */
export interface RequestOutcome {
  readonly status: number;
  readonly ms: number;
  /** The whole answer was handed to the socket (false: the caller went away first, or the connection was cut). */
  readonly completed: boolean;
  /** An error was raised while answering. */
  readonly failed?: boolean;
}

export type AccessLogLevel = 'error' | 'info' | 'debug';

/**
 * The level of a request's access-log line: failures (5xx, or an error) at
 * error; refusals (4xx), cut answers and slow requests at info; the rest
 * (every ordinary read and write) at debug, so a service at the default
 * level writes nothing for them: a line per 4 KiB Blob operation costs more
 * than the operation's crypto.
 */
export const accessLogLevel = ({ status, ms, completed, failed }: RequestOutcome): AccessLogLevel => {
  if (failed || status >= 500) return 'error';
  if (status >= 400 || !completed || ms >= SLOW_REQUEST_MS) return 'info';
  return 'debug';
};

/** Query parameters that carry a credential: a SAS signature, or anything secret-named (key, token, password...). */
const isCredentialParameter = (name: string): boolean => name.toLowerCase() === 'sig' || isSecretName(name);

/**
 * The request target as logged: the path as sent and the query with the
 * values of credential parameters replaced by "[redacted]" (names and other
 * values kept: comp=block&blockid=... says what the request was).
 */
export const loggedPath = (target: string): string => {
  const at = target.indexOf('?');
  if (at < 0) return target;
  const query = target
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq >= 0 && isCredentialParameter(safeDecode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
  return `${target.slice(0, at)}?${query.join('&')}`;
};

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** What a request id may look like when a caller (the gateway) hands one over. */
const SANE_ID = /^[\w.:-]{1,128}$/;

/**
 * A request's id for its log lines: the x-ms-request-id the gateway set (so
 * the gateway's line and the service's share it), else a new UUID.
 */
export const requestIdOf = (headers: IncomingHttpHeaders): string => {
  const given = headers['x-ms-request-id'];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
};
