import type { StoredDataKey } from '../keys/data-keys';

/** An extent as a read needs it: its plaintext size, where its bytes are and, when encrypted, the key that sealed it. */
export interface StoredExtent {
  readonly extentId: string;
  readonly size: number;
  readonly encrypted: boolean;
  /** Its stored bytes are in the store's extent file (else inline in its row). */
  readonly inFile: boolean;
  readonly dataKey?: StoredDataKey;
  /** An inline extent's stored bytes, when they were read with its row (reading it then needs no query). */
  readonly stored?: Buffer;
}

/** The part of an extent a read wants: plaintext bytes [from, to). */
export interface ExtentSlice {
  readonly extent: StoredExtent;
  readonly from: number;
  readonly to: number;
}

/** What a read of a blob yields, in order: extent slices, and zeros for a page blob's unwritten pages. */
export type ContentSlice = ExtentSlice | { readonly zeros: number };
