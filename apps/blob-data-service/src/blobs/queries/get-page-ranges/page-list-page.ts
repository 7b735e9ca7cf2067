import { decodeMarker } from '../../../blob-rest/listing';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { blobError } from '../../domain/blob.errors';

/** The most ranges one Get Page Ranges answer lists when maxresults asks for more (Azure's cap). */
export const MAX_PAGE_LIST_RESULTS = 10_000;

/** Which page of a Get Page Ranges listing a request asks for. */
export interface PageListPage {
  /** maxresults, capped (none: every range, as before x-ms-version 2020-10-02). */
  readonly limit?: number;
  /** Where the listing goes on from (a NextMarker this service gave). */
  readonly from?: number;
}

/** maxresults (a positive integer) and marker: anything else is 400 InvalidQueryParameterValue. */
export const pageListPageOf = (request: BlobRequest): PageListPage => {
  const maxResults = request.query('maxresults');
  const requested = maxResults !== undefined && /^\d+$/.test(maxResults) ? Number(maxResults) : NaN;
  if (maxResults !== undefined && !(requested >= 1)) throw blobError('InvalidQueryParameterValue', 'maxresults must be a positive integer.');
  const marker = decodeMarker(request);
  if (marker !== undefined && !/^\d+$/.test(marker)) throw blobError('InvalidQueryParameterValue', 'The marker is not one this service returned.');
  return {
    ...(maxResults !== undefined ? { limit: Math.min(requested, MAX_PAGE_LIST_RESULTS) } : {}),
    ...(marker !== undefined ? { from: Number(marker) } : {}),
  };
};
