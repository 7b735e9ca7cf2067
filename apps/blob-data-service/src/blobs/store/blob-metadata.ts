import { findExtents, type NewExtent } from '../../extents/extent.repository';
import { readWhole, type ExtentSource } from '../../extents/extent-reader';
import { ExtentWriter, type ExtentTarget } from '../../extents/extent-writer';
import type { StoredExtent } from '../../extents/stored-extent';
import { wholeExtent } from './blob-content';
import { hasMetadata, type Metadata } from '../domain/metadata';

/**
 * A blob's x-ms-meta-* pairs, stored as a metadata extent of their own
 * (JSON, sealed like data when the account encrypts; at most 8 KiB, so
 * inline in its row, which the commit inserts): null when there are none.
 */
export const writeMetadataExtent = async (target: Omit<ExtentTarget, 'kind'>, metadata: Metadata): Promise<NewExtent | null> => {
  if (!hasMetadata(metadata)) return null;
  const { rows } = await new ExtentWriter({ ...target, kind: 'metadata' }).writeAll([Buffer.from(JSON.stringify(metadata))]);
  return rows[0];
};

/** The pairs a metadata extent holds (authenticated and decrypted like data); `fetched`: the extent, when read with the blob's row. */
export const readMetadata = async (source: Omit<ExtentSource, 'kind'>, extentId: string | null, fetched?: StoredExtent): Promise<Metadata> => {
  if (!extentId) return {};
  const extent = fetched ?? (await findExtents(source.store, [extentId])).get(extentId);
  if (!extent) throw new Error(`metadata extent ${extentId} of ${source.account}/${source.container}/${source.blob} is missing`);
  return JSON.parse((await readWhole({ ...source, kind: 'metadata' }, wholeExtent(extent))).toString('utf8')) as Metadata;
};
