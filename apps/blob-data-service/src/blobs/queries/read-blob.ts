import type { Response } from 'express';
import { blobKeyOf, type BlobRequest } from '../../blob-rest/blob-request';
import { httpDate } from '../../blob-rest/response-headers';
import type { ExtentSource } from '../../extents/extent-reader';
import type { DataKeys } from '../../keys/data-keys';
import { blobError } from '../domain/blob.errors';
import { resolveByteRange } from '../domain/byte-range';
import { checkBlobAccess } from '../domain/blob-access';
import { parseConditions, type ConditionOutcome } from '../domain/conditions';
import type { Metadata } from '../domain/metadata';
import type { ByteSpan, PageRange } from '../domain/page-ranges';
import type { BlobRecord } from '../store/blob-record';
import { findBlobWithContent } from '../store/blob.repository';
import { readMetadata } from '../store/blob-metadata';
import type { BlockLayout } from '../store/block.repository';

/** A readable blob: its row, what the conditions say, and (unless not modified) its metadata. */
export interface BlobForReading {
  readonly blob: BlobRecord;
  readonly outcome: ConditionOutcome;
  readonly metadata: Metadata;
  /** Of an append blob. */
  readonly committedBlockCount?: number;
  /** Of a block or append blob: its blocks overlapping the span asked for. */
  readonly layout?: BlockLayout;
  /** Of a page blob: its ranges overlapping the span asked for (unless there are very many). */
  readonly pages?: readonly PageRange[];
  readonly source: Omit<ExtentSource, 'kind'>;
}

/**
 * What Get Blob and Get Blob Properties share: find the blob, check the
 * conditions, read its metadata. The row, the metadata extent and the layout
 * of `span` (Get Blob's bytes) come in one statement.
 */
export const blobForReading = async (request: BlobRequest, keys: DataKeys, span?: ByteSpan): Promise<BlobForReading> => {
  const conditions = parseConditions(request.header);
  const found = await findBlobWithContent(request.store, blobKeyOf(request), span);
  if (!found) throw blobError('BlobNotFound');
  const { blob, metadataExtent, committedBlockCount, layout, pages } = found;
  const outcome = checkBlobAccess(conditions, blob, 'read');
  const source = { store: request.store, keys, account: request.account.name, container: request.containerName!, blob: request.blobName!, requestId: request.requestId };
  const metadata = outcome === 'proceed' ? await readMetadata(source, blob.metadataExtentId, metadataExtent) : {};
  return { blob, outcome, metadata, committedBlockCount, layout, pages, source };
};

/**
 * The bytes a read asks for before the blob's size is known (their layout
 * is read with the blob's row): whole = up to any size. None for range
 * headers refused once the size is known (after the conditions).
 */
export const requestedSpan = (request: BlobRequest): ByteSpan | undefined => {
  try {
    const range = resolveByteRange(request.header('x-ms-range'), request.header('range'), Number.MAX_SAFE_INTEGER);
    return { start: range?.start ?? 0, end: range ? range.end + 1 : Number.MAX_SAFE_INTEGER };
  } catch {
    return undefined;
  }
};

/** 304 Not Modified: the validators, no body. */
export const answerNotModified = (response: Response, blob: BlobRecord): void => {
  response.status(304).set({ ETag: blob.etag, 'Last-Modified': httpDate(blob.lastModified) }).end();
};
