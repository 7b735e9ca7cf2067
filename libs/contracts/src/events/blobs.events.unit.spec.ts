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

  it('accepts a page blob snapshot with its pages, and the copy result', () => {
    const page = {
      ...committed,
      blobType: 'PageBlob',
      size: 1024 * 1024,
      pages: [{ offset: 512, length: 4, extentId: extent.extentId, extentOffset: 0 }],
      copy: { copyId: '1f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f62', source: 'http://127.0.0.1:10000/acct1/box/src', status: 'success', completedAt: '2026-12-01T10:00:00.000Z' },
    };
    expect(validateEventData('BlobCommitted', 1, page)).toEqual(page);
    expect(() => validateEventData('BlobCommitted', 1, { ...page, pages: [{ offset: 0, length: 0, extentId: extent.extentId, extentOffset: 0 }] })).toThrow(/length/);
  });

  it('accepts the incremental changes: BlockAppended, PagesWritten, BlobPropertiesSet', () => {
    const changed = { accountName: 'acct1', containerName: 'box', blobName: 'log', region: 'eastus', etag: '"0x8E"', lastModified: '2026-12-01T10:00:01.000Z', serverEncrypted: false };
    const appended = { ...changed, appendOffset: 100, size: 104, committedBlockCount: 2, extents: [extent] };
    expect(validateEventData('BlockAppended', 1, appended)).toEqual(appended);
    expect(() => validateEventData('BlockAppended', 1, { ...appended, extents: [] })).toThrow(/extents/);
    const cleared = { ...changed, pageWrite: 'clear', offset: 0, length: 512, size: 4096, extents: [] };
    expect(validateEventData('PagesWritten', 1, cleared)).toEqual(cleared);
    expect(() => validateEventData('PagesWritten', 1, { ...cleared, pageWrite: 'erase' })).toThrow(/pageWrite/);
    const props = { ...changed, blobType: 'AppendBlob', size: 104, contentProperties: committed.contentProperties, metadata: extent };
    expect(validateEventData('BlobPropertiesSet', 1, props)).toEqual(props);
  });
});
