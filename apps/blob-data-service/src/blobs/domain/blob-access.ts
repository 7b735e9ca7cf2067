import { evaluateConditions, type ConditionOutcome, type ConditionTarget, type Conditions } from './conditions';
import { blobError } from './blob.errors';
import { checkLeaseAccess, type Lease } from './lease';
import { checkSequenceNumberConditions } from './sequence-number-conditions';

/**
 * What every request on a blob checks first, against the blob as it is now
 * (undefined: none yet): whether it may exist at all (createOnly), the
 * lease it names or must name, its conditional headers, then (Put Page)
 * its sequence-number conditions.
 */
export const checkBlobAccess = (
  conditions: Conditions,
  blob: (ConditionTarget & { readonly lease: Lease | null; readonly sequenceNumber?: number }) | undefined,
  kind: 'read' | 'write',
): ConditionOutcome => {
  if (blob && conditions.createOnly) throw blobError('UnauthorizedBlobOverwrite');
  checkLeaseAccess(conditions.leaseId, blob?.lease ?? null, new Date(), kind);
  const outcome = evaluateConditions(conditions, blob, kind);
  if (blob && conditions.sequenceNumber) checkSequenceNumberConditions(conditions.sequenceNumber, blob.sequenceNumber ?? 0);
  return outcome;
};
