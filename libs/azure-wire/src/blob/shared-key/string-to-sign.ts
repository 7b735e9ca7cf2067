import { compareHeaderNames } from './header-order';

/** What Shared Key signs of a request (never the body). */
export interface SignableRequest {
  readonly method: string;
  /** The path as sent: percent-encoded, not normalised ("/acct/cont/my%20blob"). */
  readonly path: string;
  /** The query as sent, without "?" ("" when there is none). */
  readonly query: string;
  /** By lower-case name, as Node parses them. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** From this version on, a Content-Length of 0 is signed as an empty line. */
const EMPTY_ZERO_LENGTH_SINCE = '2015-02-21';

/**
 * Every string a legitimate client may have signed for this request, the
 * @azure/storage-blob one first. Each variant exists because real clients
 * produce it:
 * - Content-Language before Content-Encoding (the JS SDK's order) or after (the REST reference's);
 * - with both Date and x-ms-date, the Date line as sent or empty (x-ms-date takes precedence);
 * - the query as the SDK reads it (a repeated name signs its last value, names
 *   without a value are left out, names are not decoded) or as the reference
 *   says (all values of a name, sorted and comma-joined);
 * - each of `resourcePaths` (a secondary path with and without "-secondary").
 * Usually all of these coincide and there is one string.
 */
export function stringsToSign(request: SignableRequest, account: string, resourcePaths: readonly string[] = [request.path]): string[] {
  const header = (name: string): string => headerValue(request.headers[name]);
  const version = header('x-ms-version');
  const contentLength = header('content-length') === '0' && !(version && version < EMPTY_ZERO_LENGTH_SINCE) ? '' : header('content-length');
  const language = header('content-language');
  const encoding = header('content-encoding');
  const contentLines = unique([`${language}\n${encoding}`, `${encoding}\n${language}`]);
  const dateLines = unique([header('date'), ...(header('x-ms-date') ? [''] : [])]);
  const canonicalHeaders = canonicalizedHeaders(request.headers);
  const resources = unique(
    resourcePaths.flatMap((path) => [sdkCanonicalizedResource(account, path, request.query), canonicalizedResource(account, path, request.query)]),
  );
  const strings: string[] = [];
  for (const contentLine of contentLines)
    for (const dateLine of dateLines)
      for (const resource of resources) {
        const lines = [
          request.method.toUpperCase(),
          contentLine,
          contentLength,
          header('content-md5'),
          header('content-type'),
          dateLine,
          header('if-modified-since'),
          header('if-match'),
          header('if-none-match'),
          header('if-unmodified-since'),
          header('range'),
        ];
        strings.push(`${lines.join('\n')}\n${canonicalHeaders}${resource}`);
      }
  return unique(strings);
}

/** Every x-ms- header once, lower-cased, in Shared Key order, "name:value\n" each. */
export function canonicalizedHeaders(headers: SignableRequest['headers']): string {
  const names = Object.keys(headers)
    .filter((name) => name.startsWith('x-ms-') && headers[name] !== undefined)
    .sort(compareHeaderNames);
  return names.map((name) => `${name.trimEnd()}:${headerValue(headers[name]).trimStart()}\n`).join('');
}

/**
 * "/account/path" and the query as the REST reference defines it: names
 * decoded and lower-cased, sorted; each name once with all its decoded values
 * sorted and comma-joined. Undefined when the query cannot be decoded.
 */
export function canonicalizedResource(account: string, path: string, query: string): string | undefined {
  const values = new Map<string, string[]>();
  try {
    for (const part of query.split('&').filter(Boolean)) {
      const at = part.indexOf('=');
      const name = decodeQueryText(at < 0 ? part : part.slice(0, at)).toLowerCase();
      values.set(name, [...(values.get(name) ?? []), at < 0 ? '' : decodeQueryText(part.slice(at + 1))]);
    }
  } catch {
    return undefined;
  }
  const lines = [...values.keys()].sort().map((name) => `\n${name}:${values.get(name)!.sort().join(',')}`);
  return `/${account}${path || '/'}${lines.join('')}`;
}

/**
 * The canonicalized resource as @azure/storage-blob builds it
 * (storageSharedKeyCredentialPolicy with getURLQueries): only "name=value"
 * parts with exactly one "=" and a non-empty name and value, the last value of
 * a name winning, names lower-cased but not decoded, values decoded.
 * Undefined when a value cannot be decoded (the SDK could not have signed it).
 */
export function sdkCanonicalizedResource(account: string, path: string, query: string): string | undefined {
  const byName = new Map<string, string>();
  for (const part of query.trim().split('&')) {
    const at = part.indexOf('=');
    if (at > 0 && at === part.lastIndexOf('=') && at < part.length - 1) byName.set(part.slice(0, at), part.slice(at + 1));
  }
  const lowered = new Map<string, string>();
  const names: string[] = [];
  for (const [name, value] of byName) {
    lowered.set(name.toLowerCase(), value);
    names.push(name.toLowerCase());
  }
  try {
    const lines = names.sort().map((name) => `\n${name}:${decodeURIComponent(lowered.get(name)!)}`);
    return `/${account}${path || '/'}${lines.join('')}`;
  } catch {
    return undefined;
  }
}

/** Form-style decoding ("+" is a space), as Azure's own query parsing does. */
const decodeQueryText = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));

const headerValue = (value: string | readonly string[] | undefined): string => (typeof value === 'string' ? value : (value?.join(',') ?? ''));

const unique = <T>(items: readonly (T | undefined)[]): T[] => [...new Set(items.filter((item): item is T => item !== undefined))];
