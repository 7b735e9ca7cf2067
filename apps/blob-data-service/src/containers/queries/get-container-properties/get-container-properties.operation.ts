import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { containerScopeHeaders } from '../../../blob-rest/encryption-scope-headers';
import { httpDate, leaseHeaders } from '../../../blob-rest/response-headers';
import { metadataHeaders } from '../../../blobs/domain/metadata';
import { containerForReading } from '../container-for-reading';

/** Get Container Properties (GET or HEAD): ETag, Last-Modified, metadata, lease, immutability flags and encryption scope policy. */
@Injectable()
export class GetContainerPropertiesOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['GET', 'HEAD'], restype: 'container', writes: false, sas: { permissions: 'r', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const container = await containerForReading(request);
    response
      .status(200)
      .set({
        ETag: container.etag,
        'Last-Modified': httpDate(container.lastModified),
        ...leaseHeaders(container.lease),
        'x-ms-has-immutability-policy': 'false',
        'x-ms-has-legal-hold': 'false',
        ...containerScopeHeaders(container.denyEncryptionScopeOverride),
        'Content-Length': '0',
        ...metadataHeaders(container.metadata),
      })
      .end();
  }
}
