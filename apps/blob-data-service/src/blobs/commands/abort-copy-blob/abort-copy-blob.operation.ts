import { Injectable } from '@nestjs/common';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobError } from '../../domain/blob.errors';
import { parseLeaseId } from '../../domain/conditions';
import { preflightWrite } from '../blob-writes';

const COPY_ACTION = 'x-ms-copy-action';

/**
 * Abort Copy Blob (x-ms-copy-action: abort, ?copyid=). Every atrest copy
 * completes within its Copy Blob request, so none is ever pending: once the
 * blob and its lease hold, the answer is Azure's for a copy already done,
 * 409 NoPendingCopyOperation, or 409 CopyIdMismatch when the id is not the
 * blob's last copy's. Nothing changes.
 */
@Injectable()
export class AbortCopyBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'copy', writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest): Promise<void> {
    const copyId = request.query('copyid');
    if (copyId === undefined) throw blobError('MissingRequiredQueryParameter', 'The query parameter copyid is required.');
    const action = request.header(COPY_ACTION);
    if (action === undefined) throw blobError('MissingRequiredHeader', `The header ${COPY_ACTION} is required.`);
    if (action.toLowerCase() !== 'abort') throw blobError('InvalidHeaderValue', `${COPY_ACTION} must be abort.`);
    const blob = await preflightWrite(request, { leaseId: parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')) });
    if (!blob) throw blobError('BlobNotFound');
    if (blob.copy?.id !== copyId) throw blobError('CopyIdMismatch');
    throw blobError('NoPendingCopyOperation');
  }
}
