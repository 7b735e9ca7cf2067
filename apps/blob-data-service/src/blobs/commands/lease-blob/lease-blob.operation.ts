import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { answerLease } from '../../../blob-rest/lease-answer';
import { blobError } from '../../domain/blob.errors';
import { evaluateConditions, parseConditions } from '../../domain/conditions';
import { decideLease } from '../../domain/lease';
import { parseLeaseRequest } from '../../domain/lease-request';
import { saveBlobLease } from '../../store/blob.repository';
import { lockBlob } from '../../store/block.repository';
import { readForChange } from '../../store/change-read';

/**
 * Lease Blob (acquire, renew, change, release, break): the lease is
 * decided under the blob's lock from its state as of now, and kept in the
 * blob's row; the blob's ETag and time do not change and no change event
 * goes out (a lease is the primary's, not replicated: docs/adr/0007).
 */
@Injectable()
export class LeaseBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'lease', writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const leaseRequest = parseLeaseRequest(request.header);
    // x-ms-lease-id here names the lease acted on: it is not a condition of the request.
    const { leaseId: _acted, ...conditions } = parseConditions(request.header);
    const key = blobKeyOf(request);
    const { blob, decision } = await request.store.transaction(async (manager) => {
      if (!(await lockBlob(manager, key))) throw blobError('ContainerNotFound');
      const { blob } = await readForChange(manager, key, {});
      if (!blob) throw blobError('BlobNotFound');
      evaluateConditions(conditions, blob, 'write');
      const decision = decideLease(leaseRequest, blob.lease, new Date(), randomUUID);
      await saveBlobLease(manager, key, decision.lease);
      return { blob, decision };
    });
    answerLease(response, leaseRequest.action, blob, decision);
  }
}
