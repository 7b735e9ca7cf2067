import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { containerKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { decodeMarker, encodeMarker, includedItems, listingTextOf, maxResultsOf } from '../../../blob-rest/listing';
import { sendXml } from '../../../blob-rest/xml';
import type { BlobDataServiceConfig } from '../../../config';
import { DataKeys } from '../../../keys/data-keys';
import { blobError } from '../../domain/blob.errors';
import { listBlobRows } from '../../store/blob.repository';
import { readMetadata } from '../../store/blob-metadata';
import { findContainer } from '../../store/container.repository';
import { listPage } from './blob-listing';
import { tierPropertiesOf } from '../../domain/access-tier';
import { listBlobsXml, type ListedBlob } from './list-blobs.xml';

/**
 * What List Blobs may include. Snapshots, versions, soft-deleted blobs, tags,
 * immutability policies and legal holds never exist here (each is refused
 * where it would be made), so including them adds nothing; permissions are
 * for hierarchical namespaces only, which atrest accounts never have (400).
 */
const LIST_BLOBS_INCLUDE = ['copy', 'deleted', 'deletedwithversions', 'immutabilitypolicy', 'legalhold', 'metadata', 'snapshots', 'tags', 'uncommittedblobs', 'versions'] as const;

/**
 * List Blobs: prefix, delimiter (BlobPrefix), marker, maxresults, include=metadata (read with the rows), copy and
 * uncommittedblobs (blobs of staged blocks only); each blob with <ServerEncrypted>.
 */
@Injectable()
export class ListBlobsOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['GET'], restype: 'container', comp: 'list', writes: false, sas: { permissions: 'l', service: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const key = containerKeyOf(request);
    const prefix = listingTextOf(request, 'prefix');
    const delimiter = listingTextOf(request, 'delimiter') || undefined;
    const maxResults = maxResultsOf(request);
    const startAt = decodeMarker(request) ?? prefix;
    const include = includedItems(request, LIST_BLOBS_INCLUDE);
    const withMetadata = include.has('metadata');
    const withCopy = include.has('copy');
    const withUncommitted = include.has('uncommittedblobs');
    if (!(await findContainer(request.store, key))) throw blobError('ContainerNotFound');

    const page = await listPage(
      async (from, limit) => (await listBlobRows(request.store, key, prefix, from, limit, { withMetadata, withUncommitted })).map(({ name, ...item }) => ({ name, item })),
      prefix,
      delimiter,
      startAt,
      maxResults,
    );
    const entries = [];
    for (const entry of page.entries) {
      if (entry.kind === 'prefix') entries.push(entry);
      else {
        const source = { store: request.store, keys: this.keys, account: key.account, container: key.container, blob: entry.name, requestId: request.requestId };
        const { blob, metadataExtent } = entry.item;
        const listed: ListedBlob = {
          record: blob,
          tier: tierPropertiesOf(blob, request.account),
          metadata: withMetadata ? await readMetadata(source, blob.metadataExtentId, metadataExtent) : undefined,
          withCopy,
        };
        entries.push({ ...entry, item: listed });
      }
    }
    sendXml(
      response,
      200,
      listBlobsXml({
        serviceEndpoint: `${this.config.BLOB_ENDPOINT_BASE}/${key.account}/`,
        container: key.container,
        prefix,
        marker: request.query('marker'),
        maxResults: request.query('maxresults') ? maxResults : undefined,
        delimiter,
        entries,
        nextMarker: page.nextStartAt === undefined ? undefined : encodeMarker(page.nextStartAt),
      }),
    );
  }
}
