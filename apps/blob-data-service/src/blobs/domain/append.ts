import { blobError } from './blob.errors';
import { MAX_APPEND_BLOCKS } from './limits';

/** Append Block's own conditions (x-ms-blob-condition-appendpos / -maxsize). */
export interface AppendConditions {
  readonly appendPosition?: number;
  readonly maxSize?: number;
}

const count = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw blobError('InvalidHeaderValue', `The value for the header ${name} is not a non-negative integer.`);
  return n;
};

export const parseAppendConditions = (header: (name: string) => string | undefined): AppendConditions => ({
  appendPosition: count('x-ms-blob-condition-appendpos', header('x-ms-blob-condition-appendpos')),
  maxSize: count('x-ms-blob-condition-maxsize', header('x-ms-blob-condition-maxsize')),
});

/**
 * Whether a block of `length` bytes may be appended to a blob of `size`
 * bytes and `blockCount` blocks: the blob stays within maxsize
 * (MaxBlobSizeConditionNotMet), it ends where the client expects
 * (AppendPositionConditionNotMet), and it has room for one more block.
 */
export const checkAppend = (blob: { readonly size: number; readonly blockCount: number }, length: number, conditions: AppendConditions): void => {
  if (conditions.maxSize !== undefined && blob.size + length > conditions.maxSize) throw blobError('MaxBlobSizeConditionNotMet');
  if (conditions.appendPosition !== undefined && blob.size !== conditions.appendPosition) throw blobError('AppendPositionConditionNotMet');
  if (blob.blockCount >= MAX_APPEND_BLOCKS)
    throw blobError('BlockCountExceedsLimit', `An append blob holds at most ${MAX_APPEND_BLOCKS} blocks; this one is full.`);
};
