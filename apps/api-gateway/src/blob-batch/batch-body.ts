import { storageError } from '@atrest/azure-wire';
import type { IncomingHttpHeaders } from 'node:http';

/** Azure's limits for one Blob Batch: subrequests, and bytes of the whole body. */
export const MAX_SUB_REQUESTS = 256;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const CRLF = '\r\n';
const REQUEST_LINE = /^([A-Z]+) (\/\S*) HTTP\/1\.1$/;

/** One request of a batch body, as the client wrote it (header names lower-cased, as Node gives a request's). */
export interface BatchSubRequest {
  readonly contentId: number;
  readonly method: string;
  /** Path and query, as the client signed them. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** One answer of a batch response: a subrequest's (with its Content-ID), or the one answer to a batch refused whole. */
export interface BatchSubResponse {
  readonly contentId?: number;
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

const invalid = (why: string) => storageError('InvalidInput', `The batch body is not valid: ${why}`);

/** The boundary of a `multipart/mixed; boundary=...` Content-Type (400 InvalidHeaderValue otherwise). */
export const batchBoundaryOf = (contentType: string | undefined): string => {
  const match = /^multipart\/mixed\s*;\s*boundary=("?)([^";]+)\1\s*$/i.exec(contentType ?? '');
  if (!match) throw storageError('InvalidHeaderValue', 'A batch request has Content-Type multipart/mixed with a boundary.', { HeaderName: 'Content-Type' });
  return match[2];
};

/** Header lines ("Name: value") up to the first empty one; returns the headers and the index after that line. */
const readHeaders = (lines: readonly string[], from: number): { headers: Map<string, string>; next: number } => {
  const headers = new Map<string, string>();
  let at = from;
  for (; at < lines.length && lines[at] !== ''; at++) {
    const colon = lines[at].indexOf(':');
    if (colon <= 0) throw invalid(`'${lines[at]}' is not a header line.`);
    headers.set(lines[at].slice(0, colon).trim().toLowerCase(), lines[at].slice(colon + 1).trim());
  }
  return { headers, next: at + 1 };
};

/**
 * The subrequests of a Blob Batch body (the OData batch syntax Azure uses):
 * parts between `--boundary` lines, each `Content-Type: application/http`
 * with its Content-ID, then the request line, headers and an empty body.
 * Anything else is 400 InvalidInput; more than 256 parts
 * ExceedsMaxBatchRequestCount.
 */
export const parseBatchBody = (body: string, boundary: string): BatchSubRequest[] => {
  const end = body.indexOf(`--${boundary}--`);
  if (end < 0) throw invalid(`it does not end with --${boundary}--.`);
  const parts = body.slice(0, end).split(`--${boundary}${CRLF}`);
  if (parts[0].trim() !== '') throw invalid(`it does not start with --${boundary}.`);
  if (parts.length - 1 > MAX_SUB_REQUESTS) throw storageError('ExceedsMaxBatchRequestCount', `A batch holds at most ${MAX_SUB_REQUESTS} subrequests; this one has ${parts.length - 1}.`);
  const requests = parts.slice(1).map((part): BatchSubRequest => {
    const lines = part.split(CRLF);
    const { headers: partHeaders, next } = readHeaders(lines, 0);
    if (partHeaders.get('content-type')?.toLowerCase() !== 'application/http') throw invalid('every part has Content-Type application/http.');
    const contentId = Number(partHeaders.get('content-id'));
    if (!Number.isInteger(contentId) || contentId < 0) throw invalid('every part has a Content-ID, a number.');
    const requestLine = REQUEST_LINE.exec(lines[next] ?? '');
    if (!requestLine) throw invalid(`'${lines[next] ?? ''}' is not a request line (METHOD /path HTTP/1.1).`);
    const { headers, next: bodyAt } = readHeaders(lines, next + 1);
    if (lines.slice(bodyAt).some((line) => line !== '')) throw invalid('subrequests (Delete Blob, Set Blob Tier) have no body.');
    return { contentId, method: requestLine[1], url: requestLine[2], headers: Object.fromEntries(headers) };
  });
  if (requests.length === 0) throw invalid('it holds no subrequest.');
  if (new Set(requests.map((r) => r.contentId)).size !== requests.length) throw invalid('two parts have the same Content-ID.');
  return requests;
};

/** A batch response body: one part per answer, in `--boundary` lines, as the SDK's BatchResponseParser reads it. */
export const batchResponseBody = (answers: readonly BatchSubResponse[], boundary: string): string =>
  answers
    .map(
      (answer) =>
        `--${boundary}${CRLF}Content-Type: application/http${CRLF}` +
        (answer.contentId === undefined ? '' : `Content-ID: ${answer.contentId}${CRLF}`) +
        CRLF +
        `HTTP/1.1 ${answer.status} ${answer.statusText}${CRLF}` +
        answer.headers.map(([name, value]) => `${name}: ${value}${CRLF}`).join('') +
        (answer.body === '' ? '' : `${CRLF}${answer.body}${CRLF}`) +
        CRLF,
    )
    .join('') + `--${boundary}--${CRLF}`;
