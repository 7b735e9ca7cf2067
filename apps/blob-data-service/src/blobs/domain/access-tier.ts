import type { BlobType } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { blobError } from './blob.errors';

/** The online tiers a block blob may be set to (Archive, the offline one, is not served: every atrest blob stays readable). */
export const blobAccessTiers = ['Hot', 'Cool', 'Cold'] as const;
export type BlobAccessTier = (typeof blobAccessTiers)[number];

/** The header Put Blob, Put Block List, Copy Blob and Set Blob Tier take a tier in. */
export const ACCESS_TIER = 'x-ms-access-tier';

/** What a blob's tier reads as: its own, or the account's ("inferred"); when it was set. */
export interface TierProperties {
  readonly tier: string;
  readonly inferred: boolean;
  readonly changedAt?: Date;
}

/**
 * The tier an x-ms-access-tier header asks for (undefined when absent):
 * only block blobs of accounts with tiers (Standard StorageV2 and
 * BlobStorage) have one, and only an online tier (400 InvalidHeaderValue
 * saying why; Set Blob Tier on another blob type is 409 InvalidBlobType).
 */
export const parseAccessTier = (value: string | undefined, account: DataPlaneAccount, blobType: BlobType): BlobAccessTier | undefined => {
  if (value === undefined) return undefined;
  if (!account.accessTier) throw blobError('InvalidHeaderValue', 'x-ms-access-tier: this account has no access tiers (only Standard StorageV2 and BlobStorage accounts do).');
  if (blobType !== 'BlockBlob') throw blobError('InvalidBlobType', `Access tiers apply to block blobs only, not to a ${blobType}.`);
  if (value.toLowerCase() === 'archive')
    throw blobError('InvalidHeaderValue', 'x-ms-access-tier: Archive is not supported: atrest keeps every blob online (use Hot, Cool or Cold).');
  const tier = blobAccessTiers.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!tier) throw blobError('InvalidHeaderValue', `x-ms-access-tier must be Hot, Cool or Cold, not '${value}'.`);
  return tier;
};

/** A block blob's tier as Get Blob Properties and List Blobs show it; none for other blobs, or in accounts without tiers. */
export const tierPropertiesOf = (
  blob: { readonly blobType: BlobType; readonly accessTier: BlobAccessTier | null; readonly accessTierChangedAt: Date | null },
  account: DataPlaneAccount,
): TierProperties | undefined => {
  if (blob.blobType !== 'BlockBlob' || !account.accessTier) return undefined;
  return blob.accessTier
    ? { tier: blob.accessTier, inferred: false, ...(blob.accessTierChangedAt ? { changedAt: blob.accessTierChangedAt } : {}) }
    : { tier: account.accessTier, inferred: true };
};
