import type { Response } from 'express';
import { RESPONSE_HEADER_OVERRIDES, type ResponseHeaderOverride, type SasGrant } from '@atrest/azure-wire';
import type { BlobRecord } from '../blobs/store/blob-record';
import type { TierProperties } from '../blobs/domain/access-tier';
import { leaseProperties, type Lease } from '../blobs/domain/lease';
import { metadataHeaders, type Metadata } from '../blobs/domain/metadata';

/** HTTP dates, as Azure sends Last-Modified and x-ms-creation-time. */
export const httpDate = (date: Date): string => date.toUTCString();

/** The x-ms-copy-* properties of a Copy Blob destination. */
const copyHeaders = (blob: BlobRecord): Record<string, string> =>
  blob.copy
    ? {
        'x-ms-copy-id': blob.copy.id,
        'x-ms-copy-source': blob.copy.source,
        'x-ms-copy-status': blob.copy.status,
        'x-ms-copy-progress': blob.copy.progress,
        'x-ms-copy-completion-time': httpDate(blob.copy.completedAt),
      }
    : {};

/** The type-specific properties: a page blob's sequence number, an append blob's committed block count. */
export const blobTypeHeaders = (blob: BlobRecord, committedBlockCount?: number): Record<string, string> => ({
  ...(blob.blobType === 'PageBlob' ? { 'x-ms-blob-sequence-number': String(blob.sequenceNumber) } : {}),
  ...(committedBlockCount !== undefined ? { 'x-ms-blob-committed-block-count': String(committedBlockCount) } : {}),
});

/**
 * What Get Blob and Get Blob Properties say about a blob (Content-Length
 * and Content-Range are the caller's; the committed block count is an
 * append blob's).
 */
export const blobPropertyHeaders = (blob: BlobRecord, metadata: Metadata, committedBlockCount?: number): Record<string, string> => {
  const p = blob.properties;
  const optional: Record<string, string | null> = {
    'Content-Encoding': p.contentEncoding,
    'Content-Language': p.contentLanguage,
    'Content-Disposition': p.contentDisposition,
    'Cache-Control': p.cacheControl,
  };
  return {
    'Last-Modified': httpDate(blob.lastModified),
    ETag: blob.etag,
    'Content-Type': p.contentType ?? 'application/octet-stream',
    ...Object.fromEntries(Object.entries(optional).filter((e): e is [string, string] => e[1] !== null)),
    'Accept-Ranges': 'bytes',
    'x-ms-blob-type': blob.blobType,
    'x-ms-creation-time': httpDate(blob.createdAt),
    ...leaseHeaders(blob.lease),
    'x-ms-server-encrypted': String(blob.serverEncrypted),
    ...blobTypeHeaders(blob, committedBlockCount),
    ...copyHeaders(blob),
    ...metadataHeaders(metadata),
  };
};

/**
 * The headers a service SAS signed for Get Blob and Get Blob Properties to
 * answer with instead of the stored properties (rscc, rscd, rsce, rscl,
 * rsct: a download link that saves as a file, say); none for other requests.
 */
export const sasResponseHeaders = (grant: SasGrant | undefined): Record<string, string> =>
  grant && grant.kind !== 'account'
    ? Object.fromEntries(Object.entries(grant.responseHeaders ?? {}).map(([name, value]) => [RESPONSE_HEADER_OVERRIDES[name as ResponseHeaderOverride].header, value]))
    : {};

/** x-ms-access-tier and, when inferred from the account, -inferred, or when set, -change-time (Get Blob Properties). */
export const tierHeaders = (tier: TierProperties | undefined): Record<string, string> =>
  tier
    ? {
        'x-ms-access-tier': tier.tier,
        ...(tier.inferred ? { 'x-ms-access-tier-inferred': 'true' } : {}),
        ...(tier.changedAt ? { 'x-ms-access-tier-change-time': httpDate(tier.changedAt) } : {}),
      }
    : {};

/** x-ms-lease-status, -state and -duration of a blob or container, as of now. */
export const leaseHeaders = (lease: Lease | null): Record<string, string> => {
  const { status, state, duration } = leaseProperties(lease, new Date());
  return { 'x-ms-lease-status': status, 'x-ms-lease-state': state, ...(duration ? { 'x-ms-lease-duration': duration } : {}) };
};

/** What every successful write answers with. */
export const writeHeaders = (etag: string, lastModified: Date, requestEncrypted: boolean): Record<string, string> => ({
  ETag: etag,
  'Last-Modified': httpDate(lastModified),
  'x-ms-request-server-encrypted': String(requestEncrypted),
});

/** Sets headers exactly as given (Express's set() would add a charset to Content-Type; Azure answers the stored value). */
export const setHeaders = (response: Response, headers: Record<string, string>): void => {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
};
