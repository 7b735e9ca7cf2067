import type { BlobType } from '@atrest/contracts';

/** The HTTP properties a client sets on a blob (x-ms-blob-content-* / Set Blob Properties). */
export interface ContentProperties {
  readonly contentType: string | null;
  readonly contentEncoding: string | null;
  readonly contentLanguage: string | null;
  readonly contentDisposition: string | null;
  readonly cacheControl: string | null;
  readonly contentMd5: Buffer | null;
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
}
