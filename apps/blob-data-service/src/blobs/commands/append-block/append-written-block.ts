import type { Response } from 'express';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { writeHeaders } from '../../../blob-rest/response-headers';
import type { ExtentTarget, WrittenData } from '../../../extents/extent-writer';
import { checkAppend, type AppendConditions } from '../../domain/append';
import { blobError } from '../../domain/blob.errors';
import type { Conditions } from '../../domain/conditions';
import { checkContentMd5 } from '../../domain/content-md5';
import { MAX_APPEND_BLOCK_BYTES } from '../../domain/limits';
import { appendBlock, type Appended } from '../../store/append-block';
import { committedBlockCount } from '../../store/block.repository';
import { blobChangeOf, commitOrDiscard, preflightWriteTo, storesFilesBeforeCommit } from '../blob-writes';

/**
 * What Append Block and Append Block From URL check before reading their
 * bytes: 1 byte to 4 MiB (InvalidHeaderValue, RequestBodyTooLarge) and,
 * when those would go to a file, the append blob and the append conditions
 * as they are now (checked again in the commit).
 */
export const preflightAppend = async (request: BlobRequest, length: number, conditions: Conditions, appendConditions: AppendConditions): Promise<void> => {
  if (length === 0) throw blobError('InvalidHeaderValue', 'An appended block must hold at least one byte.');
  if (length > MAX_APPEND_BLOCK_BYTES) throw blobError('RequestBodyTooLarge', `An appended block holds at most ${MAX_APPEND_BLOCK_BYTES} bytes; this one has ${length}.`);
  if (!storesFilesBeforeCommit(length)) return;
  const existing = await preflightWriteTo(request, conditions, 'AppendBlob');
  checkAppend({ size: existing.size, blockCount: await committedBlockCount(request.store, blobKeyOf(request)) }, length, appendConditions);
};

/** Appends stored data as the blob's next block, its MD5 checked first (Md5Mismatch); the extents are discarded if the append is refused. */
export const commitAppendedBlock = (
  request: BlobRequest,
  data: WrittenData,
  conditions: Conditions,
  appendConditions: AppendConditions,
  expectedMd5: Buffer | undefined,
): Promise<Appended> =>
  commitOrDiscard(request.store, data.rows, async () => {
    checkContentMd5(expectedMd5, data.md5);
    return appendBlock(request.store, { ...blobChangeOf(request, conditions), appendConditions, block: data });
  });

/** 201 with the new ETag and time, the block's MD5, where it went and how many blocks the blob now has. */
export const answerAppended = (response: Response, appended: Appended, data: WrittenData, target: Omit<ExtentTarget, 'kind'>): void => {
  response
    .status(201)
    .set({
      ...writeHeaders(appended.blob.etag, appended.blob.lastModified, target.encrypt),
      'Content-MD5': data.md5.toString('base64'),
      'x-ms-blob-append-offset': String(appended.appendOffset),
      'x-ms-blob-committed-block-count': String(appended.committedBlockCount),
    })
    .end();
};
