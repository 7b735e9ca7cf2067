import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { storageAccountName, timestamp } from './common.schemas';

// The data plane's change events (docs/adr/0006-encrypted-extent-store.md).
// Streams: Container-<account>/<container> and Blob-<account>/<container>/<blob>,
// versioned by a per-stream sequence kept in the region store. They carry
// references to stored extents (ciphertext when encrypted), never plaintext
// and never keys, not even wrapped.

const containerRef = {
  accountName: storageAccountName,
  containerName: z.string().min(3).max(63),
  /** Region whose store holds the data (the account's primary). */
  region: z.string().min(1),
};
const blobRef = { ...containerRef, blobName: z.string().min(1).max(1024) };

/** One stored extent, as the replicator copies it byte for byte. */
export const extentRefSchema = z.object({
  extentId: z.uuid(),
  size: z.number().int().nonnegative(),
  encrypted: z.boolean(),
  /** The data key that sealed it (its wrapped form stays in the region store). */
  keyId: z.uuid().nullable(),
  kekVersion: z.number().int().positive().nullable(),
});

export const blobTypes = ['BlockBlob', 'AppendBlob', 'PageBlob'] as const;

const contentPropertiesSchema = z.object({
  contentType: z.string().nullable(),
  contentEncoding: z.string().nullable(),
  contentLanguage: z.string().nullable(),
  contentDisposition: z.string().nullable(),
  cacheControl: z.string().nullable(),
  contentMd5: z.string().nullable(),
});

/** What every blob change sets: the new ETag and time, and whether all the blob's data and metadata are now encrypted. */
const changedBlob = {
  ...blobRef,
  etag: z.string().min(1),
  lastModified: timestamp,
  /** True only if every data extent and the metadata extent are encrypted. */
  serverEncrypted: z.boolean(),
};
const offset = z.number().int().nonnegative();

/** Where a written range of a page blob lives: bytes [offset, offset + length) are extent bytes from extentOffset on. */
export const pageRangeSchema = z.object({ offset, length: z.number().int().positive(), extentId: z.uuid(), extentOffset: offset });

export const ContainerCreated = defineEvent('ContainerCreated', Topics.blobs, 1, z.object({ ...containerRef, createdAt: timestamp }));

/**
 * Set Container Metadata: the container's metadata (carried by the
 * replication snapshot, not here: it is customer data), ETag and time
 * changed; its blobs did not.
 */
export const ContainerMetadataSet = defineEvent(
  'ContainerMetadataSet',
  Topics.blobs,
  1,
  z.object({ ...containerRef, etag: z.string().min(1), lastModified: timestamp }),
);

/**
 * Set Container ACL: the container's stored access policies (carried by the
 * replication snapshot, like metadata), ETag and time changed; its blobs did not.
 */
export const ContainerAclSet = defineEvent('ContainerAclSet', Topics.blobs, 1, z.object({ ...containerRef, etag: z.string().min(1), lastModified: timestamp }));

/** The container and every blob in it are gone. */
export const ContainerDeleted = defineEvent('ContainerDeleted', Topics.blobs, 1, z.object({ ...containerRef, deletedAt: timestamp }));

/**
 * The blob's whole new content and properties (Put Blob of any type, Put
 * Block List, Copy Blob): a snapshot, so a consumer applies the newest and
 * copies the extents it does not have yet. Block and append blobs: the
 * content is `extents` in order. Page blobs: `size` is the logical size,
 * `pages` says where each written range lives (each of its extents is listed
 * once in `extents`), unwritten pages are zeros.
 */
export const BlobCommitted = defineEvent(
  'BlobCommitted',
  Topics.blobs,
  1,
  z.object({
    ...changedBlob,
    blobType: z.enum(blobTypes),
    size: z.number().int().nonnegative(),
    contentProperties: contentPropertiesSchema,
    /** The x-ms-meta-* pairs, stored as an extent of their own; null when the blob has none. */
    metadata: extentRefSchema.nullable(),
    /** The blob's content, in order (page blobs: the extents its pages reference). */
    extents: z.array(extentRefSchema),
    /** Page blobs only. */
    pages: z.array(pageRangeSchema).optional(),
    /** Copy Blob's result on the destination (x-ms-copy-* properties). */
    copy: z.object({ copyId: z.uuid(), source: z.string().min(1), status: z.literal('success'), completedAt: timestamp }).optional(),
  }),
);

/**
 * Set Blob Metadata / Set Blob Properties (including a page blob's resize):
 * the blob's properties and metadata extent; its content is unchanged but for
 * a page blob cut to a smaller `size` (pages past it are gone).
 */
export const BlobPropertiesSet = defineEvent(
  'BlobPropertiesSet',
  Topics.blobs,
  1,
  z.object({
    ...changedBlob,
    blobType: z.enum(blobTypes),
    size: z.number().int().nonnegative(),
    contentProperties: contentPropertiesSchema,
    metadata: extentRefSchema.nullable(),
  }),
);

/** Append Block: `extents` (in order) now hold bytes [appendOffset, size) of the append blob. */
export const BlockAppended = defineEvent(
  'BlockAppended',
  Topics.blobs,
  1,
  z.object({
    ...changedBlob,
    appendOffset: offset,
    size: z.number().int().positive(),
    committedBlockCount: z.number().int().positive(),
    extents: z.array(extentRefSchema).min(1),
  }),
);

/**
 * Put Page: bytes [offset, offset + length) of the page blob now hold the
 * concatenation of `extents` (update), or zeros (clear, no extents).
 */
export const PagesWritten = defineEvent(
  'PagesWritten',
  Topics.blobs,
  1,
  z.object({
    ...changedBlob,
    pageWrite: z.enum(['update', 'clear']),
    offset,
    length: z.number().int().positive(),
    /** The blob's logical size. */
    size: z.number().int().nonnegative(),
    extents: z.array(extentRefSchema),
  }),
);

/**
 * Set Blob Tier: a block blob's own access tier changed (Hot, Cool or Cold);
 * its data, ETag and time did not.
 */
export const BlobTierSet = defineEvent(
  'BlobTierSet',
  Topics.blobs,
  1,
  z.object({ ...blobRef, accessTier: z.enum(['Hot', 'Cool', 'Cold']), changedAt: timestamp }),
);

export const BlobDeleted = defineEvent('BlobDeleted', Topics.blobs, 1, z.object({ ...blobRef, deletedAt: timestamp }));

export const blobEvents = [ContainerCreated, ContainerMetadataSet, ContainerAclSet, ContainerDeleted, BlobCommitted, BlobPropertiesSet, BlobTierSet, BlockAppended, PagesWritten, BlobDeleted] as const;

export type BlobEvent = EventOf<(typeof blobEvents)[number]>;
export type ExtentRef = z.infer<typeof extentRefSchema>;
export type PageRangeRef = z.infer<typeof pageRangeSchema>;
export type BlobType = (typeof blobTypes)[number];
