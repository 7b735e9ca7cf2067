import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { blobError } from '../blobs/domain/blob.errors';

/** A small request body (an XML document), read whole, at most `limit` bytes, its MD5 checked when the client sent one. */
export const readSmallBody = async (stream: Readable, limit: number, expectedMd5?: Buffer): Promise<Buffer> => {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) throw blobError('RequestBodyTooLarge');
    parts.push(chunk);
  }
  const body = Buffer.concat(parts, length);
  if (expectedMd5 && !createHash('md5').update(body).digest().equals(expectedMd5)) throw blobError('Md5Mismatch');
  return body;
};
