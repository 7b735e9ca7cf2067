import type { Response } from 'express';
import { blobError } from '../blobs/domain/blob.errors';
import type { ContentProperties } from '../blobs/store/blob-record';
import type { BlobRequest } from './blob-request';
import { closeAfterAnswer } from './lingering-close';

/**
 * The declared body length of an upload, checked before a byte is read:
 * required (411), a number, at most `limit` (413). A refused body is not
 * read: the connection closes after the answer (closeAfterAnswer).
 */
export const requireContentLength = (request: BlobRequest, response: Response, limit: number): number => {
  const value = request.header('content-length');
  if (value === undefined) throw blobError('MissingContentLengthHeader');
  const length = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(length)) throw blobError('InvalidHeaderValue', 'The value for the header Content-Length is not a number.');
  if (length > limit) {
    closeAfterAnswer(response);
    throw blobError('RequestBodyTooLarge', `The request body is too large: ${length} bytes, at most ${limit} are accepted here.`);
  }
  return length;
};

/**
 * A request that must not carry a body (creating an append or page blob,
 * clearing pages): Content-Length absent or 0, else InvalidHeaderValue
 * saying `why`; the connection closes after the refusal (the body is not read).
 */
export const requireEmptyBody = (request: BlobRequest, response: Response, why: string): void => {
  const length = request.header('content-length') ?? (request.header('transfer-encoding') ? 'chunked' : '0');
  if (length === '0') return;
  closeAfterAnswer(response);
  throw blobError('InvalidHeaderValue', `Content-Length must be 0: ${why}.`);
};

/** A Content-MD5 style header: base64 of 16 bytes (InvalidMd5 otherwise), or undefined when absent. */
export const md5Header = (request: BlobRequest, name: string): Buffer | undefined => {
  const value = request.header(name);
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value) throw blobError('InvalidMd5');
  return bytes;
};

/**
 * The blob's HTTP properties from x-ms-blob-content-* / x-ms-blob-cache-control;
 * with `orRequestHeaders` (Put Blob) the request's own Content-Type etc.
 * stand in for absent ones, as in Azure.
 */
export const contentPropertiesOf = (request: BlobRequest, orRequestHeaders: boolean): ContentProperties => {
  const pick = (name: string) => request.header(`x-ms-blob-${name}`) ?? (orRequestHeaders ? request.header(name) : undefined) ?? null;
  return {
    contentType: pick('content-type'),
    contentEncoding: pick('content-encoding'),
    contentLanguage: pick('content-language'),
    contentDisposition: pick('content-disposition'),
    cacheControl: pick('cache-control'),
    contentMd5: md5Header(request, 'x-ms-blob-content-md5') ?? null,
  };
};
