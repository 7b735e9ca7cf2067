import type { BlobType } from '@atrest/contracts';
import type { BlobAccessTier } from '../domain/access-tier';
import type { Lease } from '../domain/lease';

/** The HTTP properties a client sets on a blob (x-ms-blob-content-* / Set Blob Properties). */
export interface ContentProperties {
  readonly contentType: string | null;
  readonly contentEncoding: string | null;
  readonly contentLanguage: string | null;
  readonly contentDisposition: string | null;
  readonly cacheControl: string | null;
  readonly contentMd5: Buffer | null;
}

/** Copy Blob's result, on the destination (x-ms-copy-*): atrest copies synchronously, so it is always a success. */
export interface CopyProperties {
  readonly id: string;
  readonly source: string;
  readonly status: 'success';
  /** "copied/total" bytes. */
  readonly progress: string;
  readonly completedAt: Date;
}

/** A committed blob, as its row holds it. */
export interface BlobRecord {
  readonly blobType: BlobType;
  readonly size: number;
  readonly etag: string;
  readonly createdAt: Date;
  readonly lastModified: Date;
  readonly properties: ContentProperties;
  readonly metadataExtentId: string | null;
  /** Every data extent and the metadata extent are encrypted. */
  readonly serverEncrypted: boolean;
  /** Page blobs' x-ms-blob-sequence-number (0 for the others). */
  readonly sequenceNumber: number;
  readonly copy: CopyProperties | null;
  /** A block blob's own tier and when it was set (null: the account's, inferred). */
  readonly accessTier: BlobAccessTier | null;
  readonly accessTierChangedAt: Date | null;
  /** Kept in the row, but not by the row's writes: Lease Blob sets it (saveBlobLease), a new blob has none. */
  readonly lease: Lease | null;
}
