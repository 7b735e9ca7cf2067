import { createHmac, timingSafeEqual } from 'node:crypto';
import { StorageError } from '../storage-error';
import { storageError } from '../to-storage-error';
import { SignableRequest, stringsToSign } from './string-to-sign';

export interface SharedKeyCheck {
  /** The account the request is for (from its URL), lower-case. */
  readonly account: string;
  /** The account's keys, base64 (key1, key2). */
  readonly keys: readonly string[];
  readonly now: Date;
  /** Paths the client may have signed (default: the request's own). */
  readonly resourcePaths?: readonly string[];
}

/**
 * 403 AuthenticationFailed because no key made the signature (Shared Key or
 * SAS; not a malformed header or a stale date): the one refusal a caller
 * holding newer keys (regenerated since it cached them) may want to check again.
 */
export class SignatureMismatch extends StorageError {
  constructor(detail: string) {
    const refusal = authenticationFailed(detail);
    super(refusal.status, refusal.code, refusal.message, refusal.details);
    this.name = 'SignatureMismatch';
  }
}

/** Azure refuses requests whose date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** From this version on, Azure answers a request without credentials with 401 NoAuthenticationInformation. */
const NO_AUTHENTICATION_INFORMATION_SINCE = '2019-12-12';

const SHARED_KEY = /^SharedKey ([^\s:]+):([A-Za-z0-9+/]+={0,2})$/;

/**
 * Checks a request's `Authorization: SharedKey <account>:<signature>` against
 * the account's keys (either one), comparing in constant time, and that its
 * date is within 15 minutes. Returns the index of the key that signed it;
 * throws the StorageError Azure answers otherwise (403 AuthenticationFailed
 * with an AuthenticationErrorDetail, SignatureMismatch when no key made the
 * signature, or 401 NoAuthenticationInformation).
 */
export function verifySharedKey(request: SignableRequest, check: SharedKeyCheck): number {
  const authorization = single(request.headers.authorization);
  if (!authorization) throw missingCredentials(single(request.headers['x-ms-version']));
  const match = SHARED_KEY.exec(authorization);
  if (!match) throw authenticationFailed(`The Authorization header must be 'SharedKey <account>:<signature>' (Shared Key is the only scheme this endpoint accepts).`);
  const [, signer, signature] = match;
  if (signer.toLowerCase() !== check.account)
    throw authenticationFailed(`The account '${signer}' in the Authorization header is not the account of the request URL ('${check.account}').`);

  // The SDK signs with the account name as given to its credential: use the signer's spelling.
  const candidates = stringsToSign(request, signer, check.resourcePaths);
  const given = Buffer.from(signature, 'base64');
  const key = check.keys.findIndex((accountKey) => candidates.some((candidate) => sameMac(given, hmacSha256(accountKey, candidate))));
  if (key < 0)
    throw new SignatureMismatch(
      `The MAC signature found in the HTTP request '${signature}' is not the same as any computed signature. Server used following string to sign: '${candidates[0]}'.`,
    );
  checkDate(request, check.now);
  return key;
}

function checkDate(request: SignableRequest, now: Date): void {
  // x-ms-date takes precedence: it is the one a client can always set.
  const [name, value] = request.headers['x-ms-date'] ? ['x-ms-date', single(request.headers['x-ms-date'])] : ['Date', single(request.headers.date)];
  if (!value) throw authenticationFailed('Request date header not specified: sign the request with an x-ms-date (or Date) header.');
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw authenticationFailed(`The ${name} header '${value}' is not a valid HTTP date.`);
  if (now.getTime() - at > MAX_CLOCK_SKEW_MS) throw authenticationFailed(`Request date header too old: '${value}'.`);
  if (at - now.getTime() > MAX_CLOCK_SKEW_MS) throw authenticationFailed(`Request date header is in the future: '${value}'.`);
}

/** HMAC-SHA256 of `text` (UTF-8) with a base64 account key: what Shared Key and SAS sign with. */
export const hmacSha256 = (accountKey: string, text: string): Buffer => createHmac('sha256', Buffer.from(accountKey, 'base64')).update(text, 'utf8').digest();

/** Constant-time comparison of a given signature with a computed one. */
export const sameMac = (given: Buffer, computed: Buffer): boolean => given.length === computed.length && timingSafeEqual(given, computed);

const single = (value: string | readonly string[] | undefined): string => (typeof value === 'string' ? value : (value?.[0] ?? ''));

const authenticationFailed = (detail: string): StorageError => storageError('AuthenticationFailed', undefined, { AuthenticationErrorDetail: detail });

/** Modern versions get Azure's 401 (the caller should look at WWW-Authenticate); older ones, and requests naming none, a 403. */
const missingCredentials = (version: string): StorageError =>
  version >= NO_AUTHENTICATION_INFORMATION_SINCE
    ? storageError('NoAuthenticationInformation')
    : authenticationFailed('The request has no Authorization header: sign it with Shared Key (Authorization: SharedKey <account>:<signature>).');
