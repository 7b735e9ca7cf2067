import type { StoredExtent, ExtentSlice } from '../../extents/stored-extent';
import { findExtents } from '../../extents/extent.repository';
import type { RegionStore } from '../../region-stores/region-store';
import type { BlobKey } from './blob-keys';
import { committedBlocks } from './block.repository';

/**
 * The extent slices holding bytes [start, end) of a block or append blob,
 * in order: only the blocks overlapping the range are read, and of their
 * extents only the parts inside it.
 */
export const blobSlices = async (store: RegionStore, key: BlobKey, start: number, end: number): Promise<ExtentSlice[]> => {
  if (end <= start) return [];
  const blocks = await committedBlocks(store, key, { start, end });
  const extents = await findExtents(store, blocks.flatMap((b) => b.extentIds));
  const slices: ExtentSlice[] = [];
  for (const block of blocks) {
    let offset = block.offset;
    for (const id of block.extentIds) {
      const extent = extents.get(id);
      if (!extent) throw new Error(`blob ${key.account}/${key.container}/${key.blob} references missing extent ${id}`);
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end, offset + extent.size) - offset;
      if (to > from) slices.push({ extent, from, to });
      offset += extent.size;
    }
  }
  return slices;
};

/** A whole extent as one slice (e.g. metadata). */
export const wholeExtent = (extent: StoredExtent): ExtentSlice[] => [{ extent, from: 0, to: extent.size }];
