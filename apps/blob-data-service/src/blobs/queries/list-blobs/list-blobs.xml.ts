import { element, escapeXml, nameElement, XML_DECLARATION } from '../../../blob-rest/xml';
import { httpDate } from '../../../blob-rest/response-headers';
import type { TierProperties } from '../../domain/access-tier';
import { leaseProperties } from '../../domain/lease';
import type { Metadata } from '../../domain/metadata';
import type { BlobRecord, CopyProperties } from '../../store/blob-record';
import type { ListEntry } from './blob-listing';

export interface ListedBlob {
  readonly record: BlobRecord;
  /** A block blob's tier, in an account with tiers. */
  readonly tier?: TierProperties;
  /** Present when include=metadata. */
  readonly metadata?: Metadata;
  /** include=copy: the blob's last Copy Blob, as Get Blob Properties reports it. */
  readonly withCopy?: boolean;
}

/** The Copy* properties of a copy's destination (include=copy). */
const copyProperties = (copy: CopyProperties | null): string[] =>
  copy
    ? [
        element('CopyId', copy.id),
        element('CopySource', copy.source),
        element('CopyStatus', copy.status),
        element('CopyProgress', copy.progress),
        element('CopyCompletionTime', httpDate(copy.completedAt)),
      ]
    : [];

const blobXml = (name: string, { record, tier, metadata, withCopy }: ListedBlob, now: Date): string => {
  const p = record.properties;
  const lease = leaseProperties(record.lease, now);
  const properties = [
    element('Creation-Time', httpDate(record.createdAt)),
    element('Last-Modified', httpDate(record.lastModified)),
    // In listings Azure gives the ETag without its quotes.
    element('Etag', record.etag.replace(/^"(.*)"$/, '$1')),
    element('Content-Length', record.size),
    element('Content-Type', p.contentType ?? 'application/octet-stream'),
    element('Content-Encoding', p.contentEncoding),
    element('Content-Language', p.contentLanguage),
    element('Content-MD5', p.contentMd5?.toString('base64')),
    element('Cache-Control', p.cacheControl),
    element('Content-Disposition', p.contentDisposition),
    ...(record.blobType === 'PageBlob' ? [element('x-ms-blob-sequence-number', record.sequenceNumber)] : []),
    element('BlobType', record.blobType),
    element('LeaseStatus', lease.status),
    element('LeaseState', lease.state),
    ...(lease.duration ? [element('LeaseDuration', lease.duration)] : []),
    element('ServerEncrypted', record.serverEncrypted),
    ...(tier ? [element('AccessTier', tier.tier), ...(tier.inferred ? [element('AccessTierInferred', true)] : [])] : []),
    ...(tier?.changedAt ? [element('AccessTierChangeTime', httpDate(tier.changedAt))] : []),
    ...(withCopy ? copyProperties(record.copy) : []),
  ].join('');
  const meta = metadata ? `<Metadata>${Object.entries(metadata).map(([k, v]) => element(k, v)).join('')}</Metadata>` : '';
  return `<Blob>${nameElement(name)}<Properties>${properties}</Properties>${meta}</Blob>`;
};

/** Azure's List Blobs answer (EnumerationResults), with <ServerEncrypted> per blob. */
export const listBlobsXml = (options: {
  serviceEndpoint: string;
  container: string;
  prefix: string;
  marker?: string;
  maxResults?: number;
  delimiter?: string;
  entries: ReadonlyArray<ListEntry<ListedBlob>>;
  nextMarker?: string;
}): string => {
  const { serviceEndpoint, container, entries } = options;
  const now = new Date();
  const items = entries.map((e) => (e.kind === 'prefix' ? `<BlobPrefix>${nameElement(e.name)}</BlobPrefix>` : blobXml(e.name, e.item, now))).join('');
  return (
    `${XML_DECLARATION}<EnumerationResults ServiceEndpoint="${escapeXml(serviceEndpoint)}" ContainerName="${escapeXml(container)}">` +
    (options.prefix ? element('Prefix', options.prefix) : '') +
    (options.marker ? element('Marker', options.marker) : '') +
    (options.maxResults !== undefined ? element('MaxResults', options.maxResults) : '') +
    (options.delimiter ? element('Delimiter', options.delimiter) : '') +
    `<Blobs>${items}</Blobs>${element('NextMarker', options.nextMarker ?? '')}</EnumerationResults>`
  );
};
