import type { DataPlaneAccount } from '../account-encryption/data-plane-account';
import { isDisplaced } from './displaced-data';

const account = (sku: string, region: string, more: Partial<DataPlaneAccount> = {}): DataPlaneAccount => ({
  name: 'acct',
  subscriptionId: 'sub',
  region,
  sku,
  kind: 'StorageV2',
  encryptionEnabled: false,
  incarnation: 2,
  keyRevoked: false,
  ...more,
});

describe("which stores still hold an account's data by right", () => {
  it('keeps the primary, and the secondary copy of a geo-redundant account', () => {
    expect(isDisplaced(account('Standard_LRS', 'eastus'), 2, 'eastus')).toBe(false);
    expect(isDisplaced(account('Standard_GRS', 'eastus'), 2, 'westus')).toBe(false);
    expect(isDisplaced(account('Standard_RAGRS', 'westus'), 2, 'eastus')).toBe(false);
  });

  it("finds a failed-over account's old primary displaced, once the failover has completed", () => {
    expect(isDisplaced(account('Standard_LRS', 'westus'), 2, 'eastus')).toBe(true);
    expect(isDisplaced(account('Standard_GRS', 'eastus', { geoFailoverPending: true }), 2, 'centralus')).toBe(false);
  });

  it('leaves other incarnations (the deleted-account purge decides those) and zone copies alone', () => {
    expect(isDisplaced(account('Standard_LRS', 'westus'), 1, 'eastus')).toBe(false);
    expect(isDisplaced(account('Standard_ZRS', 'eastus'), 2, 'eastusz2')).toBe(false);
  });
});
