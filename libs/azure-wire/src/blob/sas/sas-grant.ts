/**
 * What a verified SAS allows, as the gateway hands it to blob-data-service
 * (SAS_GRANT_HEADER): the permission letters and, for an account SAS, the
 * resource types (s: service, c: container, o: object); a service SAS
 * reaches the container or blob it was signed for, which the signature
 * already pinned. blob-data-service checks it against the operation.
 */
export type SasGrant =
  | { readonly kind: 'account'; readonly permissions: string; readonly resourceTypes: string }
  | { readonly kind: 'container' | 'blob'; readonly permissions: string };

/** Set only by the gateway (it drops every x-atrest- header a caller sends). */
export const SAS_GRANT_HEADER = 'x-atrest-sas-grant';

/** "account;sco;rwdl", "container;;rl", "blob;;r". */
export const encodeSasGrant = (grant: SasGrant): string =>
  `${grant.kind};${grant.kind === 'account' ? grant.resourceTypes : ''};${grant.permissions}`;

/** The grant a header carries; undefined when there is none (Shared Key) or it is not one the gateway makes. */
export function decodeSasGrant(value: string | undefined): SasGrant | undefined {
  const [kind, resourceTypes, permissions, ...rest] = (value ?? '').split(';');
  if (rest.length > 0 || permissions === undefined) return undefined;
  if (kind === 'account') return { kind, resourceTypes, permissions };
  return kind === 'container' || kind === 'blob' ? { kind, permissions } : undefined;
}
