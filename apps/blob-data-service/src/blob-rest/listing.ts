import { blobError } from '../blobs/domain/blob.errors';
import { MAX_LIST_RESULTS } from '../blobs/domain/limits';
import type { BlobRequest } from './blob-request';
import { isXmlText } from './xml';

/** maxresults: 1-5000, default 5000 (InvalidQueryParameterValue otherwise). */
export const maxResultsOf = (request: BlobRequest): number => {
  const value = request.query('maxresults');
  if (value === undefined) return MAX_LIST_RESULTS;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIST_RESULTS)) throw blobError('InvalidQueryParameterValue', `maxresults must be 1-${MAX_LIST_RESULTS}.`);
  return n;
};

/**
 * A listing's prefix or delimiter ('' when absent), which the answer repeats:
 * one XML cannot carry (a control character) is 400 InvalidQueryParameterValue.
 */
export const listingTextOf = (request: BlobRequest, name: 'prefix' | 'delimiter'): string => {
  const value = request.query(name) ?? '';
  if (!isXmlText(value)) throw blobError('InvalidQueryParameterValue', `${name} must not contain control characters other than tab, LF and CR.`);
  return value;
};

/** Markers are opaque to clients: the name the next page starts at, base64url. */
export const encodeMarker = (startAt: string): string => Buffer.from(startAt, 'utf8').toString('base64url');

export const decodeMarker = (request: BlobRequest): string | undefined => {
  const marker = request.query('marker');
  if (marker === undefined || marker === '') return undefined;
  const name = Buffer.from(marker, 'base64url').toString('utf8');
  // No name holds U+0000 (checkBlobName), and Postgres text cannot.
  if (encodeMarker(name) !== marker || name.includes('\u0000')) throw blobError('InvalidQueryParameterValue', 'The marker is not one this service returned.');
  return name;
};

/**
 * The items `include` (a comma list) names, each one `known` allows: a
 * value the operation does not know is 400 InvalidQueryParameterValue, as
 * Azure answers, rather than a listing without what was asked for.
 */
export const includedItems = <K extends string>(request: BlobRequest, known: readonly K[]): ReadonlySet<K> => {
  const named = (request.query('include') ?? '')
    .split(',')
    .map((i) => i.trim().toLowerCase())
    .filter((i) => i !== '');
  const unknown = named.find((i) => !(known as readonly string[]).includes(i));
  if (unknown !== undefined) throw blobError('InvalidQueryParameterValue', `include=${unknown} is not one of ${known.join(', ')}.`);
  return new Set(named as K[]);
};
