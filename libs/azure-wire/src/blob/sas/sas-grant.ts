import { RESPONSE_HEADER_PARAMETERS, type SasResponseHeaders } from './sas-token';

/**
 * What a verified SAS allows, as the gateway hands it to blob-data-service
 * (SAS_GRANT_HEADER): the permission letters and, for an account SAS, the
 * resource types (s: service, c: container, o: object); a service SAS
 * reaches the container or blob it was signed for, which the signature
 * already pinned, and may carry the response headers Get Blob must answer
 * with (as signed, so the service never reads them off the query itself).
 * blob-data-service checks it against the operation.
 */
export type SasGrant =
  | { readonly kind: 'account'; readonly permissions: string; readonly resourceTypes: string }
  | { readonly kind: 'container' | 'blob'; readonly permissions: string; readonly responseHeaders?: Partial<SasResponseHeaders> };

/** Set only by the gateway (it drops every x-atrest- header a caller sends). */
export const SAS_GRANT_HEADER = 'x-atrest-sas-grant';

/** "account;sco;rwdl", "container;;rl", "blob;;r;rsct=text%2Fplain". */
export const encodeSasGrant = (grant: SasGrant): string => {
  const head = `${grant.kind};${grant.kind === 'account' ? grant.resourceTypes : ''};${grant.permissions}`;
  const overrides = grant.kind === 'account' ? [] : Object.entries(grant.responseHeaders ?? {}).filter(([, value]) => value);
  const encoded = overrides.map(([name, value]) => `${RESPONSE_HEADER_PARAMETERS[name as keyof SasResponseHeaders]}=${encodeURIComponent(value!)}`);
  return encoded.length > 0 ? `${head};${encoded.join('&')}` : head;
};

const OVERRIDE_OF = new Map(Object.entries(RESPONSE_HEADER_PARAMETERS).map(([name, parameter]) => [parameter, name as keyof SasResponseHeaders]));

/** The grant a header carries; undefined when there is none (Shared Key) or it is not one the gateway makes. */
export function decodeSasGrant(value: string | undefined): SasGrant | undefined {
  const [kind, resourceTypes, permissions, overrides, ...rest] = (value ?? '').split(';');
  if (rest.length > 0 || permissions === undefined) return undefined;
  if (kind === 'account') return overrides === undefined ? { kind, resourceTypes, permissions } : undefined;
  if (kind !== 'container' && kind !== 'blob') return undefined;
  if (overrides === undefined) return { kind, permissions };
  const responseHeaders: Partial<Record<keyof SasResponseHeaders, string>> = {};
  for (const pair of overrides.split('&')) {
    const at = pair.indexOf('=');
    const name = OVERRIDE_OF.get(pair.slice(0, at));
    if (at < 0 || !name) return undefined;
    try {
      responseHeaders[name] = decodeURIComponent(pair.slice(at + 1));
    } catch {
      return undefined;
    }
  }
  return { kind, permissions, responseHeaders };
}
