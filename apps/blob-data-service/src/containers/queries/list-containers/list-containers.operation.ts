import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ACCOUNT_ENCRYPTION_SCOPE } from '@atrest/azure-wire';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { decodeMarker, encodeMarker, includedItems, listingTextOf, maxResultsOf } from '../../../blob-rest/listing';
import { httpDate } from '../../../blob-rest/response-headers';
import { element, escapeXml, sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import type { BlobDataServiceConfig } from '../../../config';
import { leaseProperties } from '../../../blobs/domain/lease';
import { listContainers, type ContainerRecord } from '../../../blobs/store/container.repository';

const containerXml = (c: ContainerRecord, withMetadata: boolean, now: Date): string => {
  const lease = leaseProperties(c.lease, now);
  const properties = [
    element('Last-Modified', httpDate(c.lastModified)),
    element('Etag', c.etag.replace(/^"(.*)"$/, '$1')),
    element('LeaseStatus', lease.status),
    element('LeaseState', lease.state),
    ...(lease.duration ? [element('LeaseDuration', lease.duration)] : []),
    element('HasImmutabilityPolicy', false),
    element('HasLegalHold', false),
    element('DefaultEncryptionScope', ACCOUNT_ENCRYPTION_SCOPE),
    element('DenyEncryptionScopeOverride', c.denyEncryptionScopeOverride),
  ].join('');
  const metadata = withMetadata ? `<Metadata>${Object.entries(c.metadata).map(([k, v]) => element(k, v)).join('')}</Metadata>` : '';
  return `<Container>${element('Name', c.name)}<Properties>${properties}</Properties>${metadata}</Container>`;
};

/** List Containers: prefix, marker, maxresults (NextMarker when there is more), include=metadata. */
@Injectable()
export class ListContainersOperation implements BlobOperation {
  readonly route = { level: 'service', methods: ['GET'], comp: 'list', writes: false, sas: { permissions: 'l', service: false } } as const;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const prefix = listingTextOf(request, 'prefix');
    const maxResults = maxResultsOf(request);
    // deleted and system name containers atrest never has (no soft delete, no $logs or $web): none to add.
    const withMetadata = includedItems(request, ['metadata', 'deleted', 'system']).has('metadata');
    const rows = await listContainers(request.store, request.account.name, request.account.incarnation, prefix, decodeMarker(request) ?? prefix, maxResults);
    const next = rows.length > maxResults ? rows[maxResults].name : undefined;
    const marker = request.query('marker');
    sendXml(
      response,
      200,
      `${XML_DECLARATION}<EnumerationResults ServiceEndpoint="${escapeXml(`${this.config.BLOB_ENDPOINT_BASE}/${request.account.name}/`)}">` +
        (prefix ? element('Prefix', prefix) : '') +
        (marker ? element('Marker', marker) : '') +
        (request.query('maxresults') ? element('MaxResults', maxResults) : '') +
        `<Containers>${rows.slice(0, maxResults).map((c) => containerXml(c, withMetadata, new Date())).join('')}</Containers>` +
        element('NextMarker', next === undefined ? '' : encodeMarker(next)) +
        `</EnumerationResults>`,
    );
  }
}
