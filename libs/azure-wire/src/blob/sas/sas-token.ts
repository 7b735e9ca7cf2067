import { storageError } from '../to-storage-error';
import { ACCOUNT_ENCRYPTION_SCOPE, unknownScopeMessage } from '../encryption/encryption-scope';

/** A shared access signature as its query parameters carry it, decoded (Azure's parameter names in comments). */
export interface SasToken {
  /** An account SAS (ss and srt) or a service SAS for one container or blob (sr). */
  readonly kind: 'account' | 'service';
  /** sv: the version whose rules signed it. */
  readonly version: string;
  /** sig: HMAC-SHA256 of the string to sign with an account key, base64. */
  readonly signature: string;
  /** sp: permission letters (r, a, c, w, d, l, ...). */
  readonly permissions: string;
  /** st and se: as sent (they are signed as sent). */
  readonly start: string;
  readonly expiry: string;
  /** sip: one IPv4 address or a range "a-b". */
  readonly ip: string;
  /** spr: "https" or "https,http". */
  readonly protocol: string;
  /** ses: signed since 2020-12-06. */
  readonly encryptionScope: string;
  /** ss and srt, account SAS only: services (b = Blob) and resource types (s, c, o). */
  readonly services: string;
  readonly resourceTypes: string;
  /** sr, service SAS only: c (a container) or b (a blob). */
  readonly resource: string;
  /** si, service SAS only: a stored access policy of the container, which may supply sp, st and se. */
  readonly identifier: string;
  /** rscc, rscd, rsce, rscl, rsct, service SAS only: headers Get Blob answers with instead of the stored ones. */
  readonly responseHeaders: SasResponseHeaders;
}

/**
 * A service SAS's response header overrides, in the order they are signed:
 * each one's query parameter and the HTTP header it replaces.
 */
export const RESPONSE_HEADER_OVERRIDES = {
  cacheControl: { parameter: 'rscc', header: 'Cache-Control' },
  contentDisposition: { parameter: 'rscd', header: 'Content-Disposition' },
  contentEncoding: { parameter: 'rsce', header: 'Content-Encoding' },
  contentLanguage: { parameter: 'rscl', header: 'Content-Language' },
  contentType: { parameter: 'rsct', header: 'Content-Type' },
} as const;
export type ResponseHeaderOverride = keyof typeof RESPONSE_HEADER_OVERRIDES;

/** The overrides a token carries ('' : not overridden). */
export type SasResponseHeaders = Readonly<Record<ResponseHeaderOverride, string>>;

/** Parameters of SAS features atrest does not serve: refused, never ignored (each narrows or changes what the signature grants). */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  skoid: 'user delegation SAS (skoid)',
  sdd: 'directory SAS (sdd)',
};

/**
 * The SAS of a request's query (undefined when it has no `sig`). A token that
 * cannot be read, or that uses a feature atrest does not serve, is refused
 * with 403 AuthenticationFailed saying which parameter and why.
 */
export function readSasToken(query: string): SasToken | undefined {
  const values = queryValues(query);
  if (!values.has('sig')) return undefined;
  const value = (name: string): string => values.get(name) ?? '';
  for (const [name, feature] of Object.entries(UNSUPPORTED))
    if (values.has(name)) throw sasRefused(`atrest does not support ${feature}: sign a SAS without it.`);
  const kind = values.has('ss') || values.has('srt') ? 'account' : 'service';
  if (kind === 'account' && values.has('si')) throw sasRefused('An account SAS cannot refer to a stored access policy (si).');
  // A stored access policy may supply the permissions and expiry instead.
  const required = kind === 'account' ? ['sv', 'sp', 'se', 'ss', 'srt'] : ['sv', 'sr', ...(value('si') ? [] : ['sp', 'se'])];
  for (const name of required) if (!value(name)) throw sasRefused(`The SAS has no ${name} parameter.`);
  if (kind === 'service' && !['b', 'c'].includes(value('sr')))
    throw sasRefused(`sr='${value('sr')}' is not supported: atrest serves container (c) and blob (b) service SAS.`);
  // A SAS with ses makes every write it authorizes use that scope: honoured only for the account's own.
  if (value('ses') && value('ses') !== ACCOUNT_ENCRYPTION_SCOPE) throw sasRefused(`ses: ${unknownScopeMessage(value('ses'))}`);
  const overrides = Object.entries(RESPONSE_HEADER_OVERRIDES).map(([name, { parameter }]) => [name, value(parameter)]);
  const responseHeaders = Object.fromEntries(overrides) as SasResponseHeaders;
  if (kind === 'account' && overrides.some(([, given]) => given))
    throw sasRefused('Response header overrides (rscc, rscd, rsce, rscl, rsct) need a service SAS; an account SAS does not sign them.');
  return {
    kind,
    version: value('sv'),
    signature: value('sig'),
    permissions: value('sp'),
    start: value('st'),
    expiry: value('se'),
    ip: value('sip'),
    protocol: value('spr'),
    encryptionScope: value('ses'),
    services: value('ss'),
    resourceTypes: value('srt'),
    resource: value('sr'),
    identifier: value('si'),
    responseHeaders,
  };
}

/** Names (case as sent: SAS names are lower-case) to decoded values; a repeated or undecodable SAS parameter is refused. */
function queryValues(query: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of query.split('&').filter(Boolean)) {
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    let value: string;
    try {
      value = decodeURIComponent(at < 0 ? '' : part.slice(at + 1));
    } catch {
      throw sasRefused(`The query parameter ${name} is not validly percent-encoded.`);
    }
    if (values.has(name) && isSasParameter(name)) throw sasRefused(`The SAS parameter ${name} is given twice.`);
    values.set(name, value);
  }
  return values;
}

const SAS_PARAMETERS = new Set(['sv', 'sig', 'sp', 'st', 'se', 'sip', 'spr', 'ses', 'ss', 'srt', 'sr', 'si', ...Object.values(RESPONSE_HEADER_OVERRIDES).map((o) => o.parameter), ...Object.keys(UNSUPPORTED)]);
const isSasParameter = (name: string): boolean => SAS_PARAMETERS.has(name);

/** 403 AuthenticationFailed with Azure's AuthenticationErrorDetail. */
export const sasRefused = (detail: string) => storageError('AuthenticationFailed', undefined, { AuthenticationErrorDetail: detail });
