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

export const ContainerCreated = defineEvent('ContainerCreated', Topics.blobs, 1, z.object({ ...containerRef, createdAt: timestamp }));

/** The container and every blob in it are gone. */
export const ContainerDeleted = defineEvent('ContainerDeleted', Topics.blobs, 1, z.object({ ...containerRef, deletedAt: timestamp }));

/**
 * The blob's whole new state (Put Blob, Put Block List, Set Blob Metadata,
 * Set Blob Properties): a snapshot, so a consumer applies the newest and
 * copies the extents it does not have yet.
 */
export const BlobCommitted = defineEvent(
  'BlobCommitted',
  Topics.blobs,
  1,
  z.object({
    ...blobRef,
    blobType: z.enum(blobTypes),
    size: z.number().int().nonnegative(),
    etag: z.string().min(1),
    lastModified: timestamp,
    contentProperties: z.object({
      contentType: z.string().nullable(),
      contentEncoding: z.string().nullable(),
      contentLanguage: z.string().nullable(),
      contentDisposition: z.string().nullable(),
      cacheControl: z.string().nullable(),
      contentMd5: z.string().nullable(),
    }),
    /** True only if every data extent and the metadata extent are encrypted. */
    serverEncrypted: z.boolean(),
    /** The x-ms-meta-* pairs, stored as an extent of their own; null when the blob has none. */
    metadata: extentRefSchema.nullable(),
    /** The blob's content, in order. */
    extents: z.array(extentRefSchema),
  }),
);

export const BlobDeleted = defineEvent('BlobDeleted', Topics.blobs, 1, z.object({ ...blobRef, deletedAt: timestamp }));

export const blobEvents = [ContainerCreated, ContainerDeleted, BlobCommitted, BlobDeleted] as const;

export type BlobEvent = EventOf<(typeof blobEvents)[number]>;
export type ExtentRef = z.infer<typeof extentRefSchema>;
export type BlobType = (typeof blobTypes)[number];
