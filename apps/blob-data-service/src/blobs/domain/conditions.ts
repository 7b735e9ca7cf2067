import { blobError } from './blob.errors';
import { etagListMatches } from './etag';
import type { SequenceNumberConditions } from './sequence-number-conditions';

/** The conditional headers of a request (RFC 7232 as Azure applies them), and the lease it names (checkLeaseAccess). */
export interface Conditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: Date;
  readonly ifUnmodifiedSince?: Date;
  /** x-ms-lease-id. */
  readonly leaseId?: string;
  /** Put Page's x-ms-if-sequence-number-* (parseSequenceNumberConditions). */
  readonly sequenceNumber?: SequenceNumberConditions;
  /** The write may create the blob but not replace it (a SAS's `c` alone): 403 UnauthorizedBlobOverwrite if it exists. */
  readonly createOnly?: boolean;
}

/** What a condition is tested against: the resource as it is now, or undefined when it does not exist. */
export interface ConditionTarget {
  readonly etag: string;
  readonly lastModified: Date;
}

export type ConditionOutcome = 'proceed' | 'not-modified';

/** The date header `name`, if sent. */
const parseDate = (header: (name: string) => string | undefined, name: string): Date | undefined => {
  const value = header(name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw blobError('InvalidHeaderValue', `The value for the header ${name} is not a valid HTTP date.`);
  return date;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lease id header (x-ms-lease-id, x-ms-proposed-lease-id): a GUID, else InvalidHeaderValue. */
export const parseLeaseId = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined || GUID.test(value)) return value;
  throw blobError('InvalidHeaderValue', `The value for the header ${name} is not a GUID.`);
};

/** The four conditional headers, their names after `prefix` (x-ms-source- for a copy's source); a date that does not parse is InvalidHeaderValue. */
const parseMatchConditions = (header: (name: string) => string | undefined, prefix: string): Conditions => ({
  ifMatch: header(`${prefix}if-match`),
  ifNoneMatch: header(`${prefix}if-none-match`),
  ifModifiedSince: parseDate(header, `${prefix}if-modified-since`),
  ifUnmodifiedSince: parseDate(header, `${prefix}if-unmodified-since`),
});

/** Reads the four headers and x-ms-lease-id; a date that does not parse, or a lease id that is not a GUID, is InvalidHeaderValue. */
export const parseConditions = (header: (name: string) => string | undefined): Conditions => ({
  ...parseMatchConditions(header, ''),
  leaseId: parseLeaseId('x-ms-lease-id', header('x-ms-lease-id')),
});

// HTTP dates have whole seconds: compare what the client could have seen.
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** The condition that fails on `target`, if one does: a precondition (If-Match, If-Unmodified-Since), or one asking for a change (If-None-Match, If-Modified-Since). */
const failingCondition = (conditions: Conditions, target: ConditionTarget | undefined): 'precondition' | 'unchanged' | undefined => {
  const { ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince } = conditions;
  if (ifMatch !== undefined && (!target || !etagListMatches(ifMatch, target.etag))) return 'precondition';
  if (target && ifUnmodifiedSince && seconds(target.lastModified) > seconds(ifUnmodifiedSince)) return 'precondition';
  const unchanged =
    (ifNoneMatch !== undefined && target !== undefined && etagListMatches(ifNoneMatch, target.etag)) ||
    (target !== undefined && ifModifiedSince !== undefined && seconds(target.lastModified) <= seconds(ifModifiedSince));
  return unchanged ? 'unchanged' : undefined;
};

/**
 * Azure's evaluation: a read (GET/HEAD) whose If-None-Match matches or that
 * is not modified since answers 304; any other failed condition is 412
 * ConditionNotMet, except If-None-Match: * on a write to an existing blob,
 * which is 409 BlobAlreadyExists. On a missing resource If-Match fails and
 * the date conditions do not apply.
 */
export const evaluateConditions = (conditions: Conditions, target: ConditionTarget | undefined, kind: 'read' | 'write'): ConditionOutcome => {
  const failing = failingCondition(conditions, target);
  if (failing === undefined) return 'proceed';
  if (failing === 'precondition') throw blobError('ConditionNotMet');
  if (kind === 'read') return 'not-modified';
  if (conditions.ifNoneMatch?.trim() === '*') throw blobError('BlobAlreadyExists');
  throw blobError('ConditionNotMet');
};

/** The conditions a copy puts on its source (x-ms-source-if-match, -none-match, -modified-since, -unmodified-since). */
export const parseSourceConditions = (header: (name: string) => string | undefined): Conditions => parseMatchConditions(header, 'x-ms-source-');

/** A copy's source conditions on the source as it is: any that fails is 412 SourceConditionNotMet (a copy is never "not modified"). */
export const checkSourceConditions = (conditions: Conditions, source: ConditionTarget): void => {
  if (failingCondition(conditions, source) !== undefined) throw blobError('SourceConditionNotMet');
};
