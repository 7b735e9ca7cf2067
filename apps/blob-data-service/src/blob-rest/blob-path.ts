import { blobError } from '../blobs/domain/blob.errors';
import { checkBlobName, checkContainerName } from '../blobs/domain/names';
import type { ResourceLevel } from './blob-operation';

export interface BlobPath {
  readonly level: ResourceLevel;
  readonly account: string;
  readonly container?: string;
  readonly blob?: string;
}

/**
 * What `/blob/{account}[/{container}[/{blob...}]]` names, from the raw path
 * (the blob name is everything after the container, slashes included,
 * decoded once as Azure does).
 */
export const parseBlobPath = (originalUrl: string): BlobPath => {
  const path = originalUrl.split('?', 1)[0].replace(/^\/blob\//i, '');
  const [accountPart, containerPart, ...rest] = path.split('/');
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw blobError('InvalidResourceName', 'The request URI contains a malformed escape.');
    }
  };
  const account = decode(accountPart).toLowerCase();
  if (!containerPart) return { level: 'service', account };
  const container = checkContainerName(decode(containerPart));
  const blob = rest.join('/');
  if (blob === '') return { level: 'container', account, container };
  return { level: 'blob', account, container, blob: checkBlobName(decode(blob)) };
};
