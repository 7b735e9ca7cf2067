import { validateEventData } from './catalogue';

const extent = { extentId: '7f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f60', size: 4, encrypted: true, keyId: '0f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f61', kekVersion: 1 };
const committed = {
  accountName: 'acct1',
  containerName: 'box',
  blobName: 'dir/a.txt',
  region: 'eastus',
  blobType: 'BlockBlob',
  size: 4,
  etag: '"0x8D"',
  lastModified: '2026-12-01T10:00:00.000Z',
  contentProperties: { contentType: 'text/plain', contentEncoding: null, contentLanguage: null, contentDisposition: null, cacheControl: null, contentMd5: null },
  serverEncrypted: true,
  metadata: null,
  extents: [extent],
};

describe('blob change events', () => {
  it('accepts BlobCommitted with extent references', () => {
    expect(validateEventData('BlobCommitted', 1, committed)).toEqual(committed);
  });

  it('never carries more than references: stray fields (a key, bytes) are dropped before anything is stored', () => {
    const withSecrets = { ...committed, dataKey: 'c2VjcmV0', extents: [{ ...extent, wrappedKey: 'd3JhcHBlZA==', packages: 'Ynl0ZXM=' }] };
    expect(JSON.stringify(validateEventData('BlobCommitted', 1, withSecrets))).not.toMatch(/dataKey|wrappedKey|packages/);
  });

  it('refuses an unknown blob type or an extent without an id', () => {
    expect(() => validateEventData('BlobCommitted', 1, { ...committed, blobType: 'TextBlob' })).toThrow(/blobType/);
    expect(() => validateEventData('BlobCommitted', 1, { ...committed, extents: [{ ...extent, extentId: 'x' }] })).toThrow(/extentId/);
  });
});
