import { containerKeyOf, type BlobRequest } from '../../blob-rest/blob-request';
import { blobError } from '../../blobs/domain/blob.errors';
import { parseLeaseId } from '../../blobs/domain/conditions';
import { checkLeaseAccess } from '../../blobs/domain/lease';
import { findContainer, type ContainerRecord } from '../../blobs/store/container.repository';

/** The requested container (ContainerNotFound otherwise), if the lease id the request names (x-ms-lease-id, optional) is its active lease's. */
export const containerForReading = async (request: BlobRequest): Promise<ContainerRecord> => {
  const container = await findContainer(request.store, containerKeyOf(request));
  if (!container) throw blobError('ContainerNotFound');
  checkLeaseAccess(parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')), container.lease, new Date(), 'read', 'Container');
  return container;
};
