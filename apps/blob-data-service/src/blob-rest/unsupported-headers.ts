import { blobError } from '../blobs/domain/blob.errors';
import type { OperationRoute } from './blob-operation';

const COPY_SOURCE = 'x-ms-copy-source';
const LEASE_ACTION = 'x-ms-lease-action';

/** Headers that ask for a feature atrest does not have, with what they ask for. */
const FEATURE_HEADERS: Readonly<Record<string, string>> = {
  'x-ms-tags': 'blob index tags',
  'x-ms-if-tags': 'a condition on blob index tags',
  'x-ms-source-if-tags': "a condition on the source's blob index tags",
  'x-ms-copy-source-tag-option': "the source's blob index tags",
  'x-ms-immutability-policy-until-date': 'an immutability policy',
  'x-ms-immutability-policy-mode': 'an immutability policy',
  'x-ms-legal-hold': 'a legal hold',
  'x-ms-copy-source-authorization': 'OAuth for the copy source (a SAS in the source URL authorizes reading it)',
  'x-ms-seal-blob': 'sealing the append blob',
  'x-ms-content-crc64': 'a CRC64 check of the body (Content-MD5 is checked)',
  'x-ms-source-content-crc64': 'a CRC64 check of the source range (x-ms-source-content-md5 is checked)',
  'x-ms-range-get-content-crc64': "the range's CRC64 (x-ms-range-get-content-md5 answers its MD5)",
  // A body framed with CRC64 segments: stored as it came, the framing would become the blob's content.
  'x-ms-structured-body': 'a structured message body',
  'x-ms-access-tier-if-modified-since': 'a condition on when the access tier changed',
  'x-ms-access-tier-if-unmodified-since': 'a condition on when the access tier changed',
};

/**
 * 400 UnsupportedHeader for a header that would change what the operation
 * does in a way atrest cannot: each is refused before anything is read, not
 * ignored (a write that drops its tags, or a condition never evaluated, would
 * succeed as something the client did not ask for). x-ms-copy-source names
 * Copy Blob and the "From URL" writes; on any other operation it is one too.
 */
export const refuseUnsupportedHeaders = (route: OperationRoute, comp: string | undefined, header: (name: string) => string | undefined): void => {
  if (!route.headers?.includes(COPY_SOURCE) && header(COPY_SOURCE) !== undefined)
    throw blobError(
      'UnsupportedHeader',
      `${COPY_SOURCE} is not supported with comp=${comp ?? ''}: only Copy Blob and the "From URL" writes (Put Blob, Put Block, Append Block, Put Page) copy from a URL.`,
    );
  // Newer versions acquire or release a lease within a write; here only Lease Blob and Lease Container take one.
  if (route.comp !== 'lease' && header(LEASE_ACTION) !== undefined)
    throw blobError('UnsupportedHeader', `${LEASE_ACTION} on a write is not supported: acquire or release the lease with Lease Blob.`);
  const named = Object.keys(FEATURE_HEADERS).find((name) => header(name) !== undefined);
  if (named) throw blobError('UnsupportedHeader', `${named} asks for ${FEATURE_HEADERS[named]}, which atrest does not support: send the request without it.`);
};
