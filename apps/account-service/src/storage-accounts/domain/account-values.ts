import { accessTiers, accountKinds, findRegion, minimumTlsVersions, skuNames, storageAccountName, type MinimumTlsVersion, type Region } from '@atrest/contracts';
import type { AccessTier, AccountKind, SkuName } from './storage-account';
import { accountLocationNotAvailable, accountNameInvalid, invalidPropertyValue, invalidValues } from './storage-account.errors';
import { locationRequired } from '../../resource-groups/domain/resource-group.errors';

// Request values as the Storage resource provider accepts them: names of
// enums case-insensitively, answered in their canonical spelling.

const pick = <T extends string>(allowed: readonly T[], value: string): T | undefined =>
  allowed.find((a) => a.toLowerCase() === value.toLowerCase());

export const isValidAccountName = (name: string): boolean => storageAccountName.safeParse(name).success;

export const assertValidAccountName = (name: string): void => {
  if (!isValidAccountName(name)) throw accountNameInvalid(name);
};

export const parseSku = (sku: string | undefined): SkuName => {
  const known = sku === undefined ? undefined : pick(skuNames, sku);
  if (!known) throw invalidValues('sku', `sku.name must be one of ${skuNames.join(', ')}.`);
  return known;
};

export const parseKind = (kind: string | undefined): AccountKind => {
  const known = kind === undefined ? undefined : pick(accountKinds, kind);
  if (!known) throw invalidValues('kind', `kind must be one of ${accountKinds.join(', ')}.`);
  return known;
};

export const parseLocation = (location: string | undefined): Region => {
  if (location === undefined) throw locationRequired();
  const region = findRegion(location);
  if (!region) throw accountLocationNotAvailable(location);
  return region;
};

/** Blob storage accounts of the time: Standard only, and without zone redundancy. */
export const assertSkuFitsKind = (sku: SkuName, kind: AccountKind): void => {
  if (kind === 'BlobStorage' && (sku === 'Premium_LRS' || sku === 'Standard_ZRS'))
    throw invalidValues('kind, sku', 'BlobStorage accounts support Standard_LRS, Standard_GRS and Standard_RAGRS only.');
};

/**
 * A minimum TLS version as Azure takes it. Every one holds on atrest's
 * HTTPS Blob listener, which takes TLS 1.2 and later only; TLS1_3 is no
 * minimum Azure offers.
 */
export const parseMinimumTlsVersion = (version: string | undefined): MinimumTlsVersion | undefined => {
  if (version === undefined) return undefined;
  const known = pick(minimumTlsVersions, version);
  if (!known) throw invalidPropertyValue(version, 'minimumTlsVersion', `Use one of ${minimumTlsVersions.join(', ')}.`);
  return known;
};

/**
 * Access tiers belong to Standard BlobStorage and StorageV2 accounts (Hot
 * when not given); other accounts have none.
 */
export const parseAccessTier = (accessTier: string | undefined, kind: AccountKind, sku: SkuName): AccessTier | undefined => {
  const tiered = kind !== 'Storage' && !sku.startsWith('Premium');
  if (accessTier === undefined) return tiered ? 'Hot' : undefined;
  const known = pick(accessTiers, accessTier);
  if (!known) throw invalidPropertyValue(accessTier, 'accessTier', `Use one of ${accessTiers.join(', ')}.`);
  if (!tiered)
    throw invalidPropertyValue(accessTier, 'accessTier', 'Access tiers apply to Standard BlobStorage and StorageV2 accounts only.');
  return known;
};
