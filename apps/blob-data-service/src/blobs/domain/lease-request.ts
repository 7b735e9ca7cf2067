import { blobError } from './blob.errors';
import { parseLeaseId } from './conditions';
import type { LeaseRequest } from './lease';

// The headers of Lease Blob and Lease Container (their answer: blob-rest/lease-answer.ts).

/** Seconds from a header: an integer in [min, max] (or -1 where `infinite`), else InvalidHeaderValue. */
const seconds = (name: string, value: string, min: number, max: number, infinite = false): number => {
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if ((infinite && n === -1) || (n >= min && n <= max)) return n;
  throw blobError('InvalidHeaderValue', `The value for the header ${name} must be ${infinite ? '-1 (infinite) or ' : ''}between ${min} and ${max} seconds.`);
};

/** x-ms-lease-action and the headers it needs; a missing one is MissingRequiredHeader, a bad one InvalidHeaderValue. */
export const parseLeaseRequest = (header: (name: string) => string | undefined): LeaseRequest => {
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
