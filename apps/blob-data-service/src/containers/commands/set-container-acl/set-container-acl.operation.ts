import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { readSmallBody } from '../../../blob-rest/read-body';
import { md5Header } from '../../../blob-rest/request-headers';
import { httpDate } from '../../../blob-rest/response-headers';
import { parseConditions } from '../../../blobs/domain/conditions';
import { updateContainerAccessPolicies } from '../../../blobs/store/container.repository';
import { checkAccessPolicies, MAX_SIGNED_IDENTIFIERS_XML_BYTES } from '../../domain/access-policy';
import { refusePublicAccess } from '../../domain/public-access';
import { parseSignedIdentifiers } from '../../domain/signed-identifiers.xml';
import { changeContainer } from '../container-change';

/**
 * Set Container ACL: the body's stored access policies (SignedIdentifiers,
 * at most five) replace the container's, with a new ETag and ContainerAclSet
 * in the same transaction (changeContainer); a SAS naming a policy that is
 * gone stops working at once. Public access is refused
 * (refusePublicAccess). If-Modified-Since
 * and If-Unmodified-Since apply; a lease does not stop it, but a lease id
 * given must be the active lease's.
 */
@Injectable()
export class SetContainerAclOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['PUT'], restype: 'container', comp: 'acl', writes: true, sas: { permissions: '', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    refusePublicAccess(request.header);
    const { ifModifiedSince, ifUnmodifiedSince, leaseId } = parseConditions(request.header);
    const body = await readSmallBody(request.http, MAX_SIGNED_IDENTIFIERS_XML_BYTES, md5Header(request, 'content-md5'));
    const accessPolicies = checkAccessPolicies(parseSignedIdentifiers(body.toString('utf8')));
    const etag = await changeContainer(request, { ifModifiedSince, ifUnmodifiedSince, leaseId }, 'ContainerAclSet', (manager, key, newEtag) =>
      updateContainerAccessPolicies(manager, key, { etag: newEtag, lastModified: request.now, accessPolicies }),
    );
    response.status(200).set({ ETag: etag, 'Last-Modified': httpDate(request.now) }).end();
  }
}
