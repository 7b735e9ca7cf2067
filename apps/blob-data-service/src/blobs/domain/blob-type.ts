import type { BlobType } from '@atrest/contracts';
import { blobError } from './blob.errors';

/** An operation for one blob type needs an existing blob of that type (BlobNotFound, InvalidBlobType otherwise). */
export const requireBlobOfType = <B extends { readonly blobType: BlobType }>(blob: B | undefined, blobType: BlobType): B => {
  if (!blob) throw blobError('BlobNotFound');
  if (blob.blobType !== blobType) throw blobError('InvalidBlobType', `The blob is a ${blob.blobType}; this operation applies to a ${blobType} only.`);
  return blob;
};
