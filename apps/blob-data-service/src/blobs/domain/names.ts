import { blobError } from './blob.errors';

const CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** Azure's container naming rules: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export const checkContainerName = (name: string): string => {
  if (!CONTAINER_NAME.test(name))
    throw blobError('InvalidResourceName', 'The specified resource name contains invalid characters. Container names are 3-63 lower-case letters, digits and single hyphens.');
  return name;
};

/**
 * A blob name: 1 to 1024 characters, U+0000 not among them (Postgres text
 * cannot hold it). Azure refuses every control character; atrest accepted
 * the others before, so they stay allowed: refusing them now would leave
 * blobs already named so beyond reach, even of Delete Blob.
 */
export const checkBlobName = (name: string): string => {
  if (name.length < 1 || name.length > 1024)
    throw blobError('InvalidResourceName', 'The specified blob name is invalid. Blob names are 1-1024 characters.');
  if (name.includes('\u0000')) throw blobError('InvalidResourceName', 'The specified blob name is invalid: it contains U+0000.');
  return name;
};
