import { Injectable, type Type } from '@nestjs/common';
import { blobError } from '../blobs/domain/blob.errors';
import type { BlobOperation, OperationRoute } from './blob-operation';

/**
 * An operation atrest recognises but does not perform (the setter of
 * something it only reads): refused with 400 InvalidQueryParameterValue and
 * why, before anything is read or stored, instead of the 405 its reader's
 * route would give the method.
 */
export const refusedOperation = (route: OperationRoute, why: string): Type<BlobOperation> => {
  @Injectable()
  class RefusedOperation implements BlobOperation {
    readonly route = route;

    async handle(): Promise<void> {
      throw blobError('InvalidQueryParameterValue', why);
    }
  }
  return RefusedOperation;
};
