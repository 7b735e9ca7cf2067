import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { element, sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import { blobError } from '../../domain/blob.errors';
import { checkBlobAccess } from '../../domain/blob-access';
import { parseLeaseId } from '../../domain/conditions';
import { findBlob } from '../../store/blob.repository';
import { committedBlocks, stagedBlocks } from '../../store/block.repository';

const LIST_TYPES = ['committed', 'uncommitted', 'all'];

const blocksXml = (name: string, blocks: ReadonlyArray<{ id: string; size: number }>): string =>
  `<${name}>${blocks.map((b) => `<Block>${element('Name', b.id)}${element('Size', b.size)}</Block>`).join('')}</${name}>`;

/** Get Block List: the committed and/or staged blocks (blocklisttype committed, uncommitted or all; default committed). */
@Injectable()
export class GetBlockListOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['GET'], comp: 'blocklist', writes: false, sas: { permissions: 'r', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const listType = (request.query('blocklisttype') ?? 'committed').toLowerCase();
    if (!LIST_TYPES.includes(listType)) throw blobError('InvalidQueryParameterValue', 'blocklisttype must be committed, uncommitted or all.');
    const key = blobKeyOf(request);
    const blob = await findBlob(request.store, key);
    if (blob && blob.blobType !== 'BlockBlob') throw blobError('InvalidBlobType');
    checkBlobAccess({ leaseId: parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')) }, blob, 'read');
    const staged = [...(await stagedBlocks(request.store, key)).values()];
    if (!blob && staged.length === 0) throw blobError('BlobNotFound');
    const committed = blob ? (await committedBlocks(request.store, key)).flatMap((b) => (b.id === null ? [] : [{ id: b.id, size: b.size }])) : [];

    const parts = [
      ...(listType !== 'uncommitted' ? [blocksXml('CommittedBlocks', committed)] : []),
      ...(listType !== 'committed' ? [blocksXml('UncommittedBlocks', staged)] : []),
    ];
    const headers: Record<string, string> = blob ? { ETag: blob.etag, 'Last-Modified': httpDate(blob.lastModified), 'x-ms-blob-content-length': String(blob.size) } : {};
    sendXml(response, 200, `${XML_DECLARATION}<BlockList>${parts.join('')}</BlockList>`, headers);
  }
}
