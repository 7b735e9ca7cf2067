import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobPropertyHeaders, sasResponseHeaders, setHeaders, tierHeaders } from '../../../blob-rest/response-headers';
import { DataKeys } from '../../../keys/data-keys';
import { tierPropertiesOf } from '../../domain/access-tier';
import { answerNotModified, blobForReading } from '../read-blob';

/** Get Blob Properties (HEAD): the blob's properties, metadata, x-ms-server-encrypted and access tier, no body. */
@Injectable()
export class GetBlobPropertiesOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['HEAD'], writes: false, sas: { permissions: 'r', service: true } } as const;

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const { blob, outcome, metadata, committedBlockCount } = await blobForReading(request, this.keys);
    if (outcome === 'not-modified') {
      answerNotModified(response, blob);
      return;
    }
    const md5 = blob.properties.contentMd5?.toString('base64');
    setHeaders(response.status(200), {
      ...blobPropertyHeaders(blob, metadata, committedBlockCount),
      ...tierHeaders(tierPropertiesOf(blob, request.account)),
      ...sasResponseHeaders(request.sasGrant),
      'Content-Length': String(blob.size),
      ...(md5 ? { 'Content-MD5': md5 } : {}),
    });
    response.end();
  }
}
