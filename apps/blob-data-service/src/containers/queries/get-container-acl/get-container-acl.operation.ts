import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import { containerForReading } from '../container-for-reading';

/**
 * Get Container ACL (GET or HEAD `?restype=container&comp=acl`): every
 * container is private (no x-ms-blob-public-access: atrest serves no
 * anonymous reads) and has no stored access policies (a SAS signed with an
 * account key needs none), which is what
 * tools read before showing or changing access. Set Container ACL is
 * refused (set-container-acl.operation.ts).
 */
@Injectable()
export class GetContainerAclOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['GET', 'HEAD'], restype: 'container', comp: 'acl', writes: false, sas: { permissions: '', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const container = await containerForReading(request);
    const headers = { ETag: container.etag, 'Last-Modified': httpDate(container.lastModified) };
    if (request.http.method === 'HEAD') response.status(200).set({ ...headers, 'Content-Length': '0' }).end();
    else sendXml(response, 200, `${XML_DECLARATION}<SignedIdentifiers />`, headers);
  }
}
