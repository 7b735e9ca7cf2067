import { retryDelayMs } from '../copying/retry-delay';
import { containerStreamId, parseStreamId } from './stream-ref';

describe('the data plane’s stream ids', () => {
  it('names a blob (slashes in its name kept) or a container of an account', () => {
    expect(parseStreamId('Blob-acct1/box/dir/a b.txt')).toEqual({ streamId: 'Blob-acct1/box/dir/a b.txt', account: 'acct1', container: 'box', blob: 'dir/a b.txt' });
    expect(parseStreamId(containerStreamId('acct1', 'box'))).toEqual({ streamId: 'Container-acct1/box', account: 'acct1', container: 'box' });
  });

  it('is not a stream to replicate when it is anything else', () => {
    for (const id of ['DataPlaneAccount-acct1', 'Blob-acct1/box', 'Container-acct1/box/extra', 'Blob-UPPER/box/b', 'StorageAccount-acct1'])
      expect([id, parseStreamId(id)]).toEqual([id, undefined]);
  });
});

describe('retrying a stream', () => {
  it('backs off from 250 ms, doubling, to at most 30 s, and never gives up', () => {
    expect([1, 2, 3, 8, 50].map(retryDelayMs)).toEqual([250, 500, 1_000, 30_000, 30_000]);
  });
});
