import type { EntityManager } from 'typeorm';
import { containerKeyOf, type BlobRequest } from '../../blob-rest/blob-request';
import { blobError } from '../../blobs/domain/blob.errors';
import { evaluateConditions, type Conditions } from '../../blobs/domain/conditions';
import { newEtag } from '../../blobs/domain/etag';
import { checkLeaseAccess } from '../../blobs/domain/lease';
import { containerStreamId, type ContainerKey } from '../../blobs/store/blob-keys';
import { publishChange } from '../../blobs/store/change-events';
import { findContainer } from '../../blobs/store/container.repository';

/**
 * How a change to a container's own properties (Set Container Metadata, Set
 * Container ACL) is made, in one transaction: the container locked
 * (ContainerNotFound), a lease id given checked against its active lease (a
 * lease does not stop these changes), the conditions evaluated, `apply`
 * given the new ETag, and the change event published beside it. Returns
 * the new ETag.
 */
export const changeContainer = async (
  request: BlobRequest,
  conditions: Pick<Conditions, 'ifModifiedSince' | 'ifUnmodifiedSince' | 'leaseId'>,
  type: 'ContainerMetadataSet' | 'ContainerAclSet',
  apply: (manager: EntityManager, key: ContainerKey, etag: string) => Promise<void>,
): Promise<string> => {
  const key = containerKeyOf(request);
  const etag = newEtag();
  await request.store.transaction(async (manager) => {
    const container = await findContainer(manager, key, 'update');
    if (!container) throw blobError('ContainerNotFound');
    checkLeaseAccess(conditions.leaseId, container.lease, new Date(), 'read', 'Container');
    evaluateConditions({ ifModifiedSince: conditions.ifModifiedSince, ifUnmodifiedSince: conditions.ifUnmodifiedSince }, container, 'write');
    await apply(manager, key, etag);
    await publishChange(
      manager,
      containerStreamId(key),
      { type, data: { accountName: key.account, containerName: key.container, region: request.store.region, etag, lastModified: request.now.toISOString() } },
      request.now,
      request.eventMetadata,
    );
  });
  return etag;
};
