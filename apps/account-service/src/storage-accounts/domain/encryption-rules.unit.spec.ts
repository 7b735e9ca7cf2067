import { findRegion, type DomainEvent } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import { encryptionAvailability } from './encryption-availability.data';
import { evolve, initialState } from './storage-account';
import type { DecisionContext, EncryptionRequest } from './storage-account.commands';
import { decide } from './storage-account.decide';

// Every preview rule of the seed, each refused with its own code.

const approvedAt = '2026-12-01T00:00:00.000Z';
const now = new Date('2026-12-05T00:00:00.000Z');
const ref = { subscriptionId: 'sub-1', resourceGroup: 'rg1', accountName: 'acct1' };
const registered: DecisionContext = { encryptionAtRest: { state: 'Registered', approvedAt } };

const account = (over: Record<string, unknown> = {}): DomainEvent => ({
  type: 'StorageAccountCreated',
  data: { ...ref, location: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: '2026-12-02T00:00:00.000Z', ...over },
});
const migrated: DomainEvent = {
  type: 'StorageAccountMigrated',
  data: { ...ref, from: 'Classic', to: 'ResourceManager', migratedAt: '2026-12-03T00:00:00.000Z' },
};

const enable = (history: DomainEvent[], context: DecisionContext = registered, encryption: EncryptionRequest = { blob: true }) =>
  decide({ type: 'UpdateStorageAccount', ...ref, now, settings: { encryption } }, history.reduce(evolve, initialState()), context);

describe('SSE preview rules', () => {
  it('allows a new Resource Manager account of an approved subscription in an SSE region', () => {
    expect(enable([account()]).map((e) => e.type)).toEqual(['EncryptionEnabled']);
  });

  it('refuses a classic account', () => {
    expect(errorCodeOf(() => enable([account({ deploymentModel: 'Classic' })]))).toBe('EncryptionNotSupportedForClassicAccount');
  });

  it('refuses a classic account migrated to Resource Manager', () => {
    expect(errorCodeOf(() => enable([account({ deploymentModel: 'Classic' }), migrated]))).toBe('EncryptionNotSupportedForMigratedAccount');
  });

  it.each([
    ['never heard of', {}],
    ['pending approval', { encryptionAtRest: { state: 'Pending' } }],
    ['unregistered', { encryptionAtRest: { state: 'Unregistered' } }],
  ])('refuses a subscription not Registered for EncryptionAtRest (%s)', (_what, context) => {
    expect(errorCodeOf(() => enable([account()], context))).toBe('SubscriptionNotRegisteredForFeature');
  });

  it('refuses an account created before the registration was approved, accepts one created at approval', () => {
    expect(errorCodeOf(() => enable([account({ createdAt: '2026-11-30T23:59:59.999Z' })]))).toBe('AccountCreatedBeforeFeatureRegistration');
    expect(enable([account({ createdAt: approvedAt })])).toHaveLength(1);
  });

  it('refuses a region where the tier does not offer SSE, per the two availability lists', () => {
    expect(errorCodeOf(() => enable([account({ location: 'westus2' })]))).toBe('EncryptionNotAvailableInRegion');
    // Japan East: Premium only; West Europe: Standard only.
    expect(errorCodeOf(() => enable([account({ location: 'japaneast' })]))).toBe('EncryptionNotAvailableInRegion');
    expect(enable([account({ location: 'japaneast', sku: 'Premium_LRS' })])).toHaveLength(1);
    expect(errorCodeOf(() => enable([account({ location: 'westeurope', sku: 'Premium_LRS' })]))).toBe('EncryptionNotAvailableInRegion');
    expect(enable([account({ location: 'westeurope' })])).toHaveLength(1);
  });

  it.each(['table', 'queue', 'file'] as const)('refuses %s encryption, even with blob', (service) => {
    expect(errorCodeOf(() => enable([account()], registered, { blob: true, [service]: true }))).toBe('EncryptionNotSupportedForService');
    expect(enable([account()], registered, { blob: true, [service]: false })).toHaveLength(1);
  });

  it('refuses infrastructure (double) encryption, which atrest does not offer; takes it turned off', () => {
    expect(errorCodeOf(() => enable([account()], registered, { blob: true, requireInfrastructureEncryption: true }))).toBe('InfrastructureEncryptionNotSupported');
    expect(enable([account()], registered, { blob: true, requireInfrastructureEncryption: false })).toHaveLength(1);
  });

  it('refuses an unknown key source (customer-managed keys: key-source.unit.spec.ts)', () => {
    expect(errorCodeOf(() => enable([account()], registered, { blob: true, keySource: 'Microsoft.Other' }))).toBe('InvalidRequestPropertyValue');
  });

  it('always allows turning encryption off', () => {
    const on: DomainEvent = { type: 'EncryptionEnabled', data: { ...ref, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: approvedAt } };
    expect(enable([account(), on], {}, { blob: false }).map((e) => e.type)).toEqual(['EncryptionDisabled']);
  });

  it('keeps the availability lists resolvable against the region catalog', () => {
    for (const name of [...encryptionAvailability.Standard, ...encryptionAvailability.Premium]) expect(findRegion(name)).toBeDefined();
  });
});
