import { blobError } from './blob.errors';
import { parseConditions, type Conditions } from './conditions';
import { parseSequenceNumber } from './page-ranges';

/** Put Page's conditions on the page blob's sequence number (x-ms-if-sequence-number-le, -lt, -eq). */
export interface SequenceNumberConditions {
  readonly le?: number;
  readonly lt?: number;
  readonly eq?: number;
}

const HEADERS = { le: 'x-ms-if-sequence-number-le', lt: 'x-ms-if-sequence-number-lt', eq: 'x-ms-if-sequence-number-eq' } as const;

/** The three headers (non-negative integers, else InvalidHeaderValue); undefined when none is sent. */
export const parseSequenceNumberConditions = (header: (name: string) => string | undefined): SequenceNumberConditions | undefined => {
  const given = Object.entries(HEADERS).flatMap(([bound, name]) => {
    const value = parseSequenceNumber(header(name), name);
    return value === undefined ? [] : [[bound, value] as const];
  });
  return given.length > 0 ? Object.fromEntries(given) : undefined;
};

/** 412 SequenceNumberConditionNotMet unless the blob's sequence number satisfies every bound given. */
export const checkSequenceNumberConditions = (conditions: SequenceNumberConditions, sequenceNumber: number): void => {
  const { le, lt, eq } = conditions;
  if ((le !== undefined && sequenceNumber > le) || (lt !== undefined && sequenceNumber >= lt) || (eq !== undefined && sequenceNumber !== eq))
    throw blobError('SequenceNumberConditionNotMet', `The blob's sequence number is ${sequenceNumber}.`);
};

/** What a page write is conditional on: the usual headers and x-ms-lease-id, and the sequence-number bounds. */
export const parsePageWriteConditions = (header: (name: string) => string | undefined): Conditions => {
  const sequenceNumber = parseSequenceNumberConditions(header);
  return { ...parseConditions(header), ...(sequenceNumber ? { sequenceNumber } : {}) };
};
