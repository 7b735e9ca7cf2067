import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { checkAccountAccess } from './account-access';
import { blobError } from './blob.errors';
import { checkBlobName, checkContainerName } from './names';

/** The blob a Copy Blob reads (x-ms-copy-source), and the URL as the destination records it. */
export interface CopySource {
  readonly account: string;
  readonly container: string;
  readonly blob: string;
  /** The URL without its query (x-ms-copy-source on the destination; a SAS must not be kept). */
  readonly url: string;
}

const invalid = (detail: string) => blobError('InvalidHeaderValue', `x-ms-copy-source must be the URL of a blob of this service (http://host/account/container/blob): ${detail}.`);

/** x-ms-copy-source, path-style as atrest serves blobs: /{account}/{container}/{blob...}, each part decoded once. */
export const parseCopySource = (value: string | undefined): CopySource => {
  if (value === undefined) throw blobError('MissingRequiredHeader', 'The header x-ms-copy-source is required.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('not http(s)');
  const [account, container, ...blob] = url.pathname.slice(1).split('/');
  if (!account || !container || blob.join('/') === '') throw invalid('it names no blob');
  let decoded: string[];
  try {
    decoded = [account, container, blob.join('/')].map(decodeURIComponent);
  } catch {
    throw invalid('malformed escape');
  }
  return {
    account: decoded[0].toLowerCase(),
    container: checkContainerName(decoded[1]),
    blob: checkBlobName(decoded[2]),
    url: `${url.origin}${url.pathname}`,
  };
};

/** A source the copy may read: it exists (404 CannotVerifyCopySource, as in Azure) and is usable as any read is (key not revoked). */
export const checkSourceReadable = (sourceName: string, source: DataPlaneAccount | undefined): DataPlaneAccount => {
  if (!source) throw blobError('CannotVerifyCopySource', `The copy source account '${sourceName}' does not exist.`);
  return checkAccountAccess(sourceName, source, 'primary', false);
};

/**
 * Whether the destination's caller may read a source whose URL carries no
 * SAS: the gateway has authorized the destination account only, so a source
 * in another account is accepted only within the same subscription (its
 * owner holds both accounts' keys), else 403 AuthorizationFailure; and the
 * source must be readable (checkSourceReadable).
 */
export const checkCopySourceAccess = (destination: DataPlaneAccount, sourceName: string, source: DataPlaneAccount | undefined): DataPlaneAccount => {
  if (source && source.subscriptionId !== destination.subscriptionId)
    throw blobError(
      'AuthorizationFailure',
      `The copy source account '${sourceName}' is in another subscription: give the copy source URL a SAS of that account, or copy within one subscription.`,
    );
  return checkSourceReadable(sourceName, source);
};
