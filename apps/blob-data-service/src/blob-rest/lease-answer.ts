import type { Response } from 'express';
import type { LeaseDecision, LeaseRequest } from '../blobs/domain/lease';
import { httpDate } from './response-headers';

const STATUS: Record<LeaseRequest['action'], number> = { acquire: 201, renew: 200, change: 200, release: 200, break: 202 };

/**
 * The answer to Lease Blob or Lease Container: the status of the action, the
 * blob's or container's ETag and time (a lease changes neither), and
 * x-ms-lease-id (acquire, renew, change) or x-ms-lease-time (break).
 */
export const answerLease = (response: Response, action: LeaseRequest['action'], leased: { etag: string; lastModified: Date }, decision: LeaseDecision): void => {
  response
    .status(STATUS[action])
    .set({
      ETag: leased.etag,
      'Last-Modified': httpDate(leased.lastModified),
      ...(decision.leaseId ? { 'x-ms-lease-id': decision.leaseId } : {}),
      ...(decision.leaseTime !== undefined ? { 'x-ms-lease-time': String(decision.leaseTime) } : {}),
    })
    .end();
};
