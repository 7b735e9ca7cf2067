import { evaluateConditions, type ConditionOutcome, type ConditionTarget, type Conditions } from './conditions';
import { checkLeaseAccess, type Lease } from './lease';

/**
 * What every request on a blob checks first, against the blob as it is now
 * (undefined: none yet): the lease it names or must name, then its
 * conditional headers.
 */
export const checkBlobAccess = (
  conditions: Conditions,
  blob: (ConditionTarget & { readonly lease: Lease | null }) | undefined,
  kind: 'read' | 'write',
): ConditionOutcome => {
  checkLeaseAccess(conditions.leaseId, blob?.lease ?? null, new Date(), kind);
  return evaluateConditions(conditions, blob, kind);
};
