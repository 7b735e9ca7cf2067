import { blobError } from './blob.errors';
import { MAX_BLOCK_ID_BYTES, MAX_COMMITTED_BLOCKS } from './limits';

/** Where Put Block List takes a block from (Azure's element names). */
export type BlockListEntryKind = 'Committed' | 'Uncommitted' | 'Latest';

export interface BlockListEntry {
  readonly kind: BlockListEntryKind;
  readonly id: string;
}

/** A block as stored: its id, size and the extents holding its data. */
export interface StoredBlock {
  readonly id: string;
  readonly size: number;
  readonly extentIds: readonly string[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A block id must be base64 of 1 to 64 bytes (InvalidBlockId otherwise). */
export const checkBlockId = (id: string | undefined): string => {
  const bytes = id !== undefined && BASE64.test(id) && id.length % 4 === 0 ? Buffer.from(id, 'base64') : undefined;
  if (!bytes || bytes.length === 0 || bytes.length > MAX_BLOCK_ID_BYTES || bytes.toString('base64') !== id)
    throw blobError('InvalidBlockId', 'The specified block ID is invalid. The block ID must be Base64-encoded, of at most 64 bytes.');
  return id;
};

/** Every block id of one blob has the same length (Azure's rule); `others` are the ids it already has. */
export const checkBlockIdLength = (id: string, others: readonly string[]): void => {
  const other = others.find((o) => o.length !== id.length);
  if (other !== undefined)
    throw blobError('InvalidBlockId', `The block ID '${id}' is not the same length as the blob's other block IDs.`);
};

/**
 * The blob's new committed blocks, in the order the list gives them:
 * Committed names a committed block, Uncommitted a staged one, Latest the
 * staged one if any, else the committed one. A name that is not there is
 * InvalidBlockList; more than 50,000 entries BlockListTooLong.
 */
export const resolveBlockList = (
  entries: readonly BlockListEntry[],
  committed: ReadonlyMap<string, StoredBlock>,
  staged: ReadonlyMap<string, StoredBlock>,
): StoredBlock[] => {
  if (entries.length > MAX_COMMITTED_BLOCKS) throw blobError('BlockListTooLong');
  return entries.map(({ kind, id }) => {
    const block = kind === 'Committed' ? committed.get(id) : kind === 'Uncommitted' ? staged.get(id) : (staged.get(id) ?? committed.get(id));
    if (!block) throw blobError('InvalidBlockList', `The block list names a block that does not exist: ${kind} '${id}'.`);
    return block;
  });
};
