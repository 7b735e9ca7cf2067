import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { readSmallBody } from '../../../blob-rest/read-body';
import { contentPropertiesOf, md5Header, requireContentLength } from '../../../blob-rest/request-headers';
import { writeHeaders } from '../../../blob-rest/response-headers';
import { DataKeys } from '../../../keys/data-keys';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { resolveBlockList, type StoredBlock } from '../../domain/block-list';
import { parseConditions } from '../../domain/conditions';
import { MAX_BLOCK_LIST_XML_BYTES } from '../../domain/limits';
import { parseMetadata } from '../../domain/metadata';
import { commitBlob } from '../../store/blob-commit';
import { writeMetadataExtent } from '../../store/blob-metadata';
import { blobChangeOf, extentTargetOf } from '../blob-writes';
import { parseBlockListXml } from './block-list.xml';

/**
 * Put Block List: the blob becomes the named blocks, in order (Committed,
 * Uncommitted or Latest), with the request's metadata and properties; every
 * staged block is then discarded and extents no longer used are deleted, in
 * the commit's one transaction.
 */
@Injectable()
export class PutBlockListOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'blocklist', writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    checkBlobTypeAllowed(request.account, 'BlockBlob');
    requireContentLength(request, response, MAX_BLOCK_LIST_XML_BYTES);
    const conditions = parseConditions(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const properties = contentPropertiesOf(request, false);
    const accessTier = parseAccessTier(request.header(ACCESS_TIER), request.account, 'BlockBlob');
    const body = await readSmallBody(request.http, MAX_BLOCK_LIST_XML_BYTES, md5Header(request, 'content-md5'));
    const entries = parseBlockListXml(body.toString('utf8'));

    // No preflight: the metadata extent stays in memory until the commit, which checks everything.
    const target = extentTargetOf(request, this.keys);
    const metadataExtent = await writeMetadataExtent(target, metadata);
    const blob = await commitBlob(request.store, {
        ...blobChangeOf(request, conditions),
        content: ({ blobType, committed, staged }) => {
          if (blobType && blobType !== 'BlockBlob') throw blobError('InvalidBlobType');
          const committedById = new Map<string, StoredBlock>(committed.flatMap((b) => (b.id === null ? [] : [[b.id, { ...b, id: b.id }]])));
          return { blobType: 'BlockBlob', blocks: resolveBlockList(entries, committedById, staged) };
        },
        newExtents: [],
        metadataExtent,
        properties,
        accessTier,
      });
    response.status(201).set(writeHeaders(blob.etag, blob.lastModified, target.encrypt)).end();
  }
}
