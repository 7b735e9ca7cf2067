import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { blobError } from '../../domain/blob.errors';
import { evaluateConditions, parseConditions, parseLeaseId } from '../../domain/conditions';
import { decideLease, type LeaseRequest } from '../../domain/lease';
import { saveBlobLease } from '../../store/blob.repository';
import { lockBlob } from '../../store/block.repository';
import { readForChange } from '../../store/change-read';

const STATUS: Record<LeaseRequest['action'], number> = { acquire: 201, renew: 200, change: 200, release: 200, break: 202 };

/** Seconds from a header: an integer in [min, max] (or -1 where `infinite`), else InvalidHeaderValue. */
const seconds = (name: string, value: string, min: number, max: number, infinite = false): number => {
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if ((infinite && n === -1) || (n >= min && n <= max)) return n;
  throw blobError('InvalidHeaderValue', `The value for the header ${name} must be ${infinite ? '-1 (infinite) or ' : ''}between ${min} and ${max} seconds.`);
};

/** x-ms-lease-action and the headers it needs; a missing one is MissingRequiredHeader, a bad one InvalidHeaderValue. */
const parseLeaseRequest = (header: (name: string) => string | undefined): LeaseRequest => {
  const required = (name: string): string => {
    const value = header(name);
    if (value === undefined) throw blobError('MissingRequiredHeader', `The header ${name} is required for this lease action.`);
    return value;
  };
  const leaseId = () => parseLeaseId('x-ms-lease-id', required('x-ms-lease-id'))!;
  const action = required('x-ms-lease-action').toLowerCase();
  switch (action) {
    case 'acquire': {
      const proposedId = parseLeaseId('x-ms-proposed-lease-id', header('x-ms-proposed-lease-id'));
      return { action, duration: seconds('x-ms-lease-duration', required('x-ms-lease-duration'), 15, 60, true), ...(proposedId ? { proposedId } : {}) };
    }
    case 'renew':
    case 'release':
      return { action, id: leaseId() };
    case 'change':
      return { action, id: leaseId(), proposedId: parseLeaseId('x-ms-proposed-lease-id', required('x-ms-proposed-lease-id'))! };
    case 'break': {
      const period = header('x-ms-lease-break-period');
      return { action, ...(period !== undefined ? { breakPeriod: seconds('x-ms-lease-break-period', period, 0, 60) } : {}) };
    }
    default:
      throw blobError('InvalidHeaderValue', 'x-ms-lease-action must be acquire, renew, change, release or break.');
  }
};

/**
 * Lease Blob (acquire, renew, change, release, break): the lease is
 * decided under the blob's lock from its state as of now, and kept in the
 * blob's row; the blob's ETag and time do not change and no change event
 * goes out (a lease is the primary's, not replicated: docs/adr/0007).
 */
@Injectable()
export class LeaseBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'lease', writes: true } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const leaseRequest = parseLeaseRequest(request.header);
    // x-ms-lease-id here names the lease acted on: it is not a condition of the request.
    const { leaseId: _ignored, ...conditions } = parseConditions(request.header);
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
    response
      .status(STATUS[leaseRequest.action])
      .set({
        ETag: blob.etag,
        'Last-Modified': httpDate(blob.lastModified),
        ...(decision.leaseId ? { 'x-ms-lease-id': decision.leaseId } : {}),
        ...(decision.leaseTime !== undefined ? { 'x-ms-lease-time': String(decision.leaseTime) } : {}),
      })
      .end();
  }
}
