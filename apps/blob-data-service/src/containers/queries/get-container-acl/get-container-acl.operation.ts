import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { sendXml } from '../../../blob-rest/xml';
import { signedIdentifiersXml } from '../../domain/signed-identifiers.xml';
import { containerForReading } from '../container-for-reading';

/**
 * Get Container ACL (GET or HEAD `?restype=container&comp=acl`): the
 * container's stored access policies (Set Container ACL's); never
 * x-ms-blob-public-access, since atrest's accounts permit no public access.
 */
@Injectable()
export class GetContainerAclOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['GET', 'HEAD'], restype: 'container', comp: 'acl', writes: false, sas: { permissions: '', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const container = await containerForReading(request);
    const headers = { ETag: container.etag, 'Last-Modified': httpDate(container.lastModified) };
    if (request.http.method === 'HEAD') response.status(200).set({ ...headers, 'Content-Length': '0' }).end();
    else sendXml(response, 200, signedIdentifiersXml(container.accessPolicies), headers);
  }
}
