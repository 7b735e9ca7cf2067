import type { IncomingMessage } from 'node:http';
import { storageError, type SasCheck } from '@atrest/azure-wire';

export type BlobLocation = 'primary' | 'secondary';

/** What authenticating a request reads of it: a request, or a Blob Batch subrequest (with its batch's connection). */
export type RequestLike = Pick<IncomingMessage, 'method' | 'headers' | 'socket'>;

/** The scheme a request came over: HTTPS on the TLS listener (BLOB_HTTPS_PORT), HTTP on the other. */
export const protocolOf = (req: Pick<RequestLike, 'socket'>): 'http' | 'https' => ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');

/** What a path-style Blob request is for: /{account}[-secondary][/{container}[/{blob...}]][?query]. */
export interface BlobTarget {
  /** Lower-case, without "-secondary". */
  readonly account: string;
  readonly location: BlobLocation;
  /** The path as sent (percent-encoded, not normalised). */
  readonly path: string;
  /** The query as sent, without "?". */
  readonly query: string;
  /** Paths a client may have signed: the one sent and, for the secondary, its primary spelling (Azurite accepts both). */
  readonly signedPaths: readonly string[];
  /** Where blob-data-service serves it: /blob/{account}/{container}/{blob...}?{query}. */
  readonly servicePath: string;
}

const SECONDARY_SUFFIX = '-secondary';
/** "." or ".." as sent, percent-encoded or not. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Reads the account (and location) from the first path segment, as Azurite
 * and the SDK do for IP-style hosts. Dot segments are refused (400
 * InvalidUri): the path goes to the service as sent, so it must name what was
 * authorized; clients resolve them before signing anyway.
 */
export function parseBlobTarget(requestTarget: string): BlobTarget {
  if (!requestTarget.startsWith('/')) throw invalidUri('The request target must be a path.');
  const at = requestTarget.indexOf('?');
  const path = at < 0 ? requestTarget : requestTarget.slice(0, at);
  const query = at < 0 ? '' : requestTarget.slice(at + 1);
  const [, first, ...rest] = path.split('/');
  if (!first) throw invalidUri('Path-style requests name the account first: /{account}/{container}/{blob}.');
  if (rest.some((segment) => DOT_SEGMENT.test(segment))) throw invalidUri('The path must not contain "." or ".." segments.');

  const location: BlobLocation = first.toLowerCase().endsWith(SECONDARY_SUFFIX) ? 'secondary' : 'primary';
  const named = location === 'secondary' ? first.slice(0, -SECONDARY_SUFFIX.length) : first;
  const account = named.toLowerCase();
  const remainder = path.slice(1 + first.length);
  return {
    account,
    location,
    path,
    query,
    signedPaths: location === 'secondary' ? [path, `/${named}${remainder}`] : [path],
    servicePath: `/blob/${account}${remainder}${at < 0 ? '' : `?${query}`}`,
  };
}

/**
 * What a SAS for this target is checked against (verifySas, without the
 * keys): its account, the container and blob it addresses with the names
 * decoded (a service SAS is signed over those, Shared Key over the path as
 * sent), the caller's address and the scheme (by default the request's own:
 * a SAS with spr=https holds on the HTTPS listener only).
 */
export const sasCheckOf = (target: BlobTarget, req: Pick<RequestLike, 'socket'>, now: Date, protocol = protocolOf(req)): Omit<SasCheck, 'keys'> => ({
  account: target.account,
  now,
  clientIp: req.socket.remoteAddress ?? '',
  protocol,
  ...addressedNames(target),
});

/** The container and blob a request addresses, names decoded (400 InvalidUri when they do not decode). */
export function addressedNames(target: BlobTarget): { container?: string; blob?: string } {
  const [, , container, ...rest] = target.path.split('/');
  const blob = rest.join('/');
  try {
    return { container: container ? decodeURIComponent(container) : undefined, blob: blob ? decodeURIComponent(blob) : undefined };
  } catch {
    throw invalidUri('The path is not validly percent-encoded.');
  }
}

const invalidUri = (why: string) => storageError('InvalidUri', `The requested URI does not represent any resource on the server. ${why}`);
