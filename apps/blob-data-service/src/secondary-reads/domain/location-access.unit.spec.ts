import { DomainError } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { checkLocationAccess } from './location-access';

const account = (sku: string, over: Partial<DataPlaneAccount> = {}): DataPlaneAccount => ({
  name: 'acct1',
  subscriptionId: 's',
  region: 'eastus',
  sku,
  kind: 'StorageV2',
  encryptionEnabled: true,
  incarnation: 1,
  keyRevoked: false,
  ...over,
});
const refusal = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('what a location allows', () => {
  it('serves reads of an RA-GRS account’s secondary and refuses its writes', () => {
    expect(refusal(() => checkLocationAccess(account('Standard_RAGRS'), 'secondary', false))).toBeUndefined();
    expect(refusal(() => checkLocationAccess(account('Standard_RAGRS'), 'secondary', true))).toBe('WriteOperationNotSupportedOnSecondary');
  });

  it('has no readable secondary for any other account', () => {
    for (const sku of ['Standard_GRS', 'Standard_LRS', 'Standard_ZRS', 'Premium_LRS'])
      expect([sku, refusal(() => checkLocationAccess(account(sku), 'secondary', false))]).toEqual([sku, 'ResourceNotFound']);
  });

  it('refuses writes (503, retried by clients) but not reads while the account fails over', () => {
    const failingOver = account('Standard_RAGRS', { geoFailoverPending: true });
    expect(refusal(() => checkLocationAccess(failingOver, 'primary', true))).toBe('ServerBusy');
    expect(refusal(() => checkLocationAccess(failingOver, 'primary', false))).toBeUndefined();
    expect(refusal(() => checkLocationAccess(failingOver, 'secondary', false))).toBeUndefined();
  });
});
