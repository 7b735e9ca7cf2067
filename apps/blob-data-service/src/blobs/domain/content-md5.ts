import { blobError } from './blob.errors';

/** 400 Md5Mismatch unless the content's MD5 is the one the client gave (Content-MD5, x-ms-source-content-md5), when it gave one. */
export const checkContentMd5 = (expected: Buffer | undefined, actual: Buffer, message = ''): void => {
  if (expected && !expected.equals(actual)) throw blobError('Md5Mismatch', message);
};
