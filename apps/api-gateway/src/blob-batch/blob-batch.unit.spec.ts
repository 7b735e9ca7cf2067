import { parseBlobTarget } from '../blob-server/blob-target';
import { isBlobBatch } from './blob-batch';

describe('which requests are a Blob Batch', () => {
  it('POST ?comp=batch on the account, or on a container with restype=container; nothing else', () => {
    const batch = (method: string, url: string) => isBlobBatch(method, parseBlobTarget(url));
    expect(batch('POST', '/acct?comp=batch')).toBe(true);
    expect(batch('POST', '/acct/box?restype=container&comp=batch')).toBe(true);
    expect(batch('POST', '/acct/box?comp=batch')).toBe(false); // a container's batch names restype
    expect(batch('POST', '/acct/box/blob.txt?comp=batch')).toBe(false);
    expect(batch('PUT', '/acct?comp=batch')).toBe(false);
    expect(batch('POST', '/acct?comp=list')).toBe(false);
  });
});
