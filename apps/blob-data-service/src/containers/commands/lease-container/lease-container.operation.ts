import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { containerKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { answerLease } from '../../../blob-rest/lease-answer';
import { blobError } from '../../../blobs/domain/blob.errors';
import { evaluateConditions, parseConditions } from '../../../blobs/domain/conditions';
import { decideLease } from '../../../blobs/domain/lease';
import { parseLeaseRequest } from '../../../blobs/domain/lease-request';
import { findContainer, saveContainerLease } from '../../../blobs/store/container.repository';

/**
 * Lease Container (acquire, renew, change, release, break), as Lease Blob
 * with the container's row locked: an active lease keeps the container from
 * Delete Container without its id. Only If-Modified-Since and
 * If-Unmodified-Since apply, as in Azure.
 */
@Injectable()
export class LeaseContainerOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['PUT'], restype: 'container', comp: 'lease', writes: true, sas: { permissions: 'w', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const leaseRequest = parseLeaseRequest(request.header);
    const { ifModifiedSince, ifUnmodifiedSince } = parseConditions(request.header);
    const key = containerKeyOf(request);
    const { container, decision } = await request.store.transaction(async (manager) => {
      const container = await findContainer(manager, key, 'update');
      if (!container) throw blobError('ContainerNotFound');
      evaluateConditions({ ifModifiedSince, ifUnmodifiedSince }, container, 'write');
      const decision = decideLease(leaseRequest, container.lease, new Date(), randomUUID);
      await saveContainerLease(manager, key, decision.lease);
      return { container, decision };
    });
    answerLease(response, leaseRequest.action, container, decision);
  }
}
