import { blobError } from '../../domain/blob.errors';
import { MAX_RANGE_MD5_BYTES } from '../../domain/limits';

const RANGE_MD5 = 'x-ms-range-get-content-md5';

/**
 * Whether Get Blob must answer its range's MD5 (x-ms-range-get-content-md5:
 * true), which Azure does only for a range of at most 4 MiB: asked without
 * a range or for a longer one, 400 InvalidHeaderValue before a byte is read.
 */
export const wantsRangeMd5 = (header: (name: string) => string | undefined, range: { start: number; end: number } | undefined): boolean => {
  if (header(RANGE_MD5)?.toLowerCase() !== 'true') return false;
  if (!range) throw blobError('InvalidHeaderValue', `${RANGE_MD5}: true needs a Range (or x-ms-range) of at most ${MAX_RANGE_MD5_BYTES} bytes.`);
  if (range.end - range.start + 1 > MAX_RANGE_MD5_BYTES)
    throw blobError('InvalidHeaderValue', `${RANGE_MD5}: true is answered for ranges of at most ${MAX_RANGE_MD5_BYTES} bytes; this one has ${range.end - range.start + 1}.`);
  return true;
};
