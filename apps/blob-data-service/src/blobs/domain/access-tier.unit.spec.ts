import { errorCodeOf } from '@atrest/testing';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { parseAccessTier, tierPropertiesOf } from './access-tier';

const tiered: DataPlaneAccount = { name: 'acct', subscriptionId: 'sub', region: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', encryptionEnabled: false, incarnation: 1, keyRevoked: false, accessTier: 'Hot' };
const untiered: DataPlaneAccount = { ...tiered, kind: 'Storage', accessTier: undefined };
const at = new Date('2026-11-29T12:00:00Z');

describe('access tiers', () => {
  it('reads the online tiers, in any case, for block blobs of tiered accounts', () => {
    expect(parseAccessTier(undefined, untiered, 'AppendBlob')).toBeUndefined();
    expect(parseAccessTier('cool', tiered, 'BlockBlob')).toBe('Cool');
    expect(parseAccessTier('Cold', tiered, 'BlockBlob')).toBe('Cold');
  });

  it('refuses Archive, unknown tiers, accounts without tiers, and other blob types', () => {
    expect(errorCodeOf(() => parseAccessTier('Archive', tiered, 'BlockBlob'))).toBe('InvalidHeaderValue');
    expect(errorCodeOf(() => parseAccessTier('Lukewarm', tiered, 'BlockBlob'))).toBe('InvalidHeaderValue');
    expect(errorCodeOf(() => parseAccessTier('Hot', untiered, 'BlockBlob'))).toBe('InvalidHeaderValue');
    expect(errorCodeOf(() => parseAccessTier('Hot', tiered, 'PageBlob'))).toBe('InvalidBlobType');
  });

  it('shows a blob’s own tier with its change time, else the account’s as inferred, and nothing without tiers', () => {
    const block = { blobType: 'BlockBlob', accessTier: null, accessTierChangedAt: null } as const;
    expect(tierPropertiesOf(block, tiered)).toEqual({ tier: 'Hot', inferred: true });
    expect(tierPropertiesOf({ ...block, accessTier: 'Cold', accessTierChangedAt: at }, tiered)).toEqual({ tier: 'Cold', inferred: false, changedAt: at });
    expect(tierPropertiesOf(block, untiered)).toBeUndefined();
    expect(tierPropertiesOf({ ...block, blobType: 'PageBlob' }, tiered)).toBeUndefined();
  });
});
