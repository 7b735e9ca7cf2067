import { decideBlobApply, decideContainerApply, streamsBehind } from './apply-decision';
import type { BlobSnapshot } from './snapshots';

const E1 = '00000000-0000-4000-8000-000000000001';
const E2 = '00000000-0000-4000-8000-000000000002';
const blob = (version: number, extentIds = [E1, E2], containerVersion = 1): BlobSnapshot => ({
  version,
  containerVersion,
  blob: { row: '{}', blocks: '[]', pages: '[]' },
  extentIds,
});
const secondary = (version: number, present: string[] = [E1, E2], containerVersion = 1, containerExists = true) => ({
  version,
  containerVersion,
  containerExists,
  presentExtents: new Set(present),
});

describe('applying a blob snapshot to a secondary store', () => {
  it('applies only a newer version: a redelivered or older snapshot changes nothing', () => {
    expect(decideBlobApply(blob(3), secondary(2))).toBe('apply');
    expect(decideBlobApply(blob(3), secondary(3))).toEqual({ outcome: 'already-applied', version: 3 });
    expect(decideBlobApply(blob(2), secondary(3))).toEqual({ outcome: 'already-applied', version: 3 });
  });

  it('asks for the extents the secondary lacks before it takes the blob', () => {
    expect(decideBlobApply(blob(1), secondary(0, [E2]))).toEqual({ outcome: 'missing-extents', missing: [E1] });
  });

  it('needs the container at the snapshot’s version, unless the blob is gone', () => {
    expect(decideBlobApply(blob(1, [E1], 3), secondary(0, [E1], 1))).toEqual({ outcome: 'container-mismatch', containerVersion: 1 });
    expect(decideBlobApply(blob(1, [E1], 1), secondary(0, [E1], 1, false))).toEqual({ outcome: 'container-mismatch', containerVersion: 1 });
    expect(decideBlobApply({ version: 4, containerVersion: 9, blob: null, extentIds: [] }, secondary(3, [], 1, false))).toBe('apply');
  });
});

describe('applying a container snapshot', () => {
  const G1 = '00000000-0000-4000-8000-0000000000a1';
  const G2 = '00000000-0000-4000-8000-0000000000a2';
  const row = (generation?: string) => JSON.stringify({ etag: '"x"', metadata: { k: 'v' }, ...(generation ? { generation } : {}) });
  const side = (version: number, generation: string | null, exists = true) => ({ version, exists, generation });
  const replaced = { drop: true, create: true, update: false, forgetDroppedBlobs: true };

  it('creates, drops, or replaces (forgetting the dropped blobs’ versions only when the container stays)', () => {
    expect(decideContainerApply({ version: 1, container: row(G1) }, side(0, null, false))).toEqual({ drop: false, create: true, update: false, forgetDroppedBlobs: false });
    expect(decideContainerApply({ version: 2, container: null }, side(1, G1))).toEqual({ drop: true, create: false, update: false, forgetDroppedBlobs: false });
    expect(decideContainerApply({ version: 3, container: row(G2) }, side(1, G1))).toEqual(replaced);
    expect(decideContainerApply({ version: 3, container: row(G1) }, side(3, G1))).toEqual({ outcome: 'already-applied', version: 3 });
  });

  it('updates the same container in place, its blobs kept (a metadata change); without a generation on either side it replaces it', () => {
    expect(decideContainerApply({ version: 4, container: row(G1) }, side(2, G1))).toEqual({ drop: false, create: false, update: true, forgetDroppedBlobs: false });
    expect(decideContainerApply({ version: 4, container: row() }, side(2, null))).toEqual(replaced);
    expect(decideContainerApply({ version: 4, container: row(G1) }, side(2, null))).toEqual(replaced);
    expect(decideContainerApply({ version: 4, container: row() }, side(2, G1))).toEqual(replaced);
  });
});

describe('comparing two stores', () => {
  it('lists the streams whose secondary version is behind, in order, and nothing else', () => {
    const primary = new Map([
      ['Blob-a/c/z', 2],
      ['Blob-a/c/b', 5],
      ['Container-a/c', 1],
    ]);
    const secondaryVersions = new Map([
      ['Blob-a/c/z', 2],
      ['Blob-a/c/b', 4],
      ['Blob-a/c/only-here', 9],
    ]);
    expect(streamsBehind(primary, secondaryVersions)).toEqual([
      { streamId: 'Blob-a/c/b', primaryVersion: 5, secondaryVersion: 4 },
      { streamId: 'Container-a/c', primaryVersion: 1, secondaryVersion: 0 },
    ]);
  });
});
