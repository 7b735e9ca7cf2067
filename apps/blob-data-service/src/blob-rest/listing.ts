import { blobError } from '../blobs/domain/blob.errors';
import { MAX_LIST_RESULTS } from '../blobs/domain/limits';
import type { BlobRequest } from './blob-request';

/** maxresults: 1-5000, default 5000 (InvalidQueryParameterValue otherwise). */
export const maxResultsOf = (request: BlobRequest): number => {
  const value = request.query('maxresults');
  if (value === undefined) return MAX_LIST_RESULTS;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIST_RESULTS)) throw blobError('InvalidQueryParameterValue', `maxresults must be 1-${MAX_LIST_RESULTS}.`);
  return n;
};

/** Markers are opaque to clients: the name the next page starts at, base64url. */
export const encodeMarker = (startAt: string): string => Buffer.from(startAt, 'utf8').toString('base64url');

export const decodeMarker = (request: BlobRequest): string | undefined => {
  const marker = request.query('marker');
  if (marker === undefined || marker === '') return undefined;
  const name = Buffer.from(marker, 'base64url').toString('utf8');
  if (encodeMarker(name) !== marker) throw blobError('InvalidQueryParameterValue', 'The marker is not one this service returned.');
  return name;
};

/** Whether `include` (a comma list) names `item`. */
export const includes = (request: BlobRequest, item: string): boolean =>
  (request.query('include') ?? '')
    .split(',')
    .map((i) => i.trim().toLowerCase())
    .includes(item);
