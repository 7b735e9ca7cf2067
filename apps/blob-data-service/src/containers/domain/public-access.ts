import { blobError } from '../../blobs/domain/blob.errors';

const PUBLIC_ACCESS = 'x-ms-blob-public-access';

/**
 * x-ms-blob-public-access (Create Container, Set Container ACL): public
 * access is not permitted on atrest's accounts (as on Azure accounts made
 * since 2023, whose AllowBlobPublicAccess is off), so asking for it is 409
 * PublicAccessNotPermitted, and a value other than container or blob 400
 * InvalidHeaderValue; absent, the container is private.
 */
export const refusePublicAccess = (header: (name: string) => string | undefined): void => {
  const publicAccess = header(PUBLIC_ACCESS);
  if (publicAccess === undefined) return;
  if (!['container', 'blob'].includes(publicAccess))
    throw blobError('InvalidHeaderValue', `${PUBLIC_ACCESS} must be 'container' or 'blob' (or absent: private), not '${publicAccess}'.`);
  throw blobError('PublicAccessNotPermitted');
};
