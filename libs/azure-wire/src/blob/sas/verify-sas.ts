import { storageError } from '../to-storage-error';
import { hmacSha256, SignatureMismatch, sameMac } from '../shared-key/verify-shared-key';
import type { SasGrant } from './sas-grant';
import { ACCOUNT_SAS_SINCE, SERVICE_SAS_SINCE, sasStringToSign } from './sas-string-to-sign';
import { sasRefused, type SasToken } from './sas-token';

export interface SasCheck {
  /** The account of the request URL, lower-case. */
  readonly account: string;
  /** The account's keys, base64 (key1, key2). */
  readonly keys: readonly string[];
  readonly now: Date;
  /** What the request addresses, names decoded: a service SAS must have been made for its container or blob. */
  readonly container?: string;
  readonly blob?: string;
  /** The caller's address as the socket saw it, and the scheme the request came over. */
  readonly clientIp: string;
  readonly protocol: 'http' | 'https';
}

export interface VerifiedSas {
  /** Index of the key that signed it. */
  readonly key: number;
  readonly grant: SasGrant;
}

/**
 * Checks a SAS as Azure does: an account key made its signature (compared in
 * constant time; SignatureMismatch otherwise, so a caller holding newer keys
 * may check again), it is within its start and expiry, and the request comes
 * over an allowed protocol from an allowed address; an account SAS must
 * cover the Blob service. Returns what it grants; which operation that
 * allows is the service's to decide (the grant travels with the request).
 */
export function verifySas(token: SasToken, check: SasCheck): VerifiedSas {
  const since = token.kind === 'account' ? ACCOUNT_SAS_SINCE : SERVICE_SAS_SINCE;
  if (token.version < since) throw sasRefused(`sv=${token.version} is not supported: a ${token.kind} SAS must be version ${since} or later.`);
  const stringToSign = sasStringToSign(token, check.account, canonicalResource(token, check));
  const given = Buffer.from(token.signature, 'base64');
  const key = check.keys.findIndex((accountKey) => sameMac(given, hmacSha256(accountKey, stringToSign)));
  if (key < 0) throw new SignatureMismatch(`Signature did not match. String to sign used was ${JSON.stringify(stringToSign)}.`);

  checkTimeFrame(token, check.now);
  if (token.protocol && !['https', 'https,http'].includes(token.protocol)) throw sasRefused(`spr must be 'https' or 'https,http', not '${token.protocol}'.`);
  if (token.protocol === 'https' && check.protocol !== 'https') throw storageError('AuthorizationProtocolMismatch');
  if (token.ip && !inRange(clientIpv4(check.clientIp), token.ip)) throw storageError('AuthorizationSourceIPMismatch', `This request is not authorized to perform this operation using this source IP ${check.clientIp}.`);
  if (token.kind === 'account' && !token.services.includes('b')) throw storageError('AuthorizationServiceMismatch');
  const grant: SasGrant =
    token.kind === 'account'
      ? { kind: 'account', permissions: token.permissions, resourceTypes: token.resourceTypes }
      : {
          kind: token.resource === 'c' ? 'container' : 'blob',
          permissions: token.permissions,
          ...overridesOf(token),
          ...(token.identifier ? { storedPolicy: { id: token.identifier, start: token.start, expiry: token.expiry } } : {}),
        };
  return { key, grant };
}

/** The response header overrides the token signed, if any. */
const overridesOf = (token: SasToken): { responseHeaders?: Partial<SasToken['responseHeaders']> } => {
  const given = Object.entries(token.responseHeaders).filter(([, value]) => value);
  return given.length > 0 ? { responseHeaders: Object.fromEntries(given) } : {};
};

/** "/blob/{account}/{container}[/{blob}]" for a service SAS (what it was made for must be what the request addresses). */
function canonicalResource(token: SasToken, check: SasCheck): string {
  if (token.kind === 'account') return '';
  if (!check.container || (token.resource === 'b' && !check.blob))
    throw storageError('AuthorizationResourceTypeMismatch', `A ${token.resource === 'b' ? 'blob' : 'container'} SAS (sr=${token.resource}) cannot authorize a request for the ${check.container ? 'container' : 'account'}.`);
  return `/blob/${check.account}/${check.container}${token.resource === 'b' ? `/${check.blob}` : ''}`;
}

/**
 * Whether `now` is within a SAS's time frame (a bound left '' is open):
 * else 403 AuthenticationFailed saying which frame, as Azure does. The
 * gateway checks the token's own; a stored access policy's bounds are
 * checked where the policy is read.
 */
export function checkTimeFrame(frame: { readonly start: string; readonly expiry: string }, now: Date): void {
  const expiry = frame.expiry ? parseTime('se', frame.expiry) : undefined;
  const start = frame.start ? parseTime('st', frame.start) : undefined;
  if (start !== undefined && expiry !== undefined && start > expiry)
    throw sasRefused(`Signed expiry time [${frame.expiry}] has to be after signed start time [${frame.start}].`);
  if ((expiry !== undefined && now.getTime() > expiry) || (start !== undefined && now.getTime() < start))
    throw sasRefused(`Signature not valid in the specified time frame: Start [${frame.start}] - Expiry [${frame.expiry}] - Current [${now.toUTCString()}].`);
}

/** ISO 8601 in UTC, as Azure accepts it: a date, or a date and time with a Z. */
function parseTime(name: string, value: string): number {
  const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) throw sasRefused(`${name}='${value}' is not a UTC time in ISO 8601 form (e.g. 2026-01-01T00:00:00Z).`);
  return at;
}

/** An IPv4 address as a number; IPv4-mapped IPv6 ("::ffff:1.2.3.4") unwrapped; undefined for anything else. */
function clientIpv4(address: string): number | undefined {
  return ipv4(address.replace(/^::ffff:/i, ''));
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** Whether `address` is the sip address, or within its "low-high" range. */
function inRange(address: number | undefined, sip: string): boolean {
  const bounds = sip.split('-').map(ipv4);
  if (bounds.length > 2 || bounds.includes(undefined)) throw sasRefused(`sip='${sip}' is not an IPv4 address or range.`);
  const [low, high = low] = bounds as number[];
  return address !== undefined && address >= low && address <= high;
}
