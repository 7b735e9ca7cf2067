import type { DomainEvent } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import { evolve, initialState } from '../../storage-accounts/domain/storage-account';
import type { GeoFailoverCommand, GeoReplicationReport } from './geo-failover.commands';
import { decideGeoFailover } from './geo-failover.decide';

const now = new Date('2026-12-04T10:00:00.000Z');
const ref = { subscriptionId: 'sub-1', resourceGroup: 'rg1', accountName: 'acct1' };
const operationId = '7f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f60';
const live: GeoReplicationReport = { status: 'Live', canFailover: true, lastSyncTime: '2026-12-04T09:59:58.000Z' };

const created = (sku = 'Standard_RAGRS'): DomainEvent => ({
  type: 'StorageAccountCreated',
  data: { ...ref, location: 'eastus', sku, kind: 'StorageV2', tags: {}, deploymentModel: 'ResourceManager', createdAt: '2026-12-01T10:00:00.000Z' },
});
const requested: DomainEvent = { type: 'GeoFailoverRequested', data: { ...ref, operationId, fromLocation: 'eastus', toLocation: 'westus', requestedAt: now.toISOString() } };
const failover: GeoFailoverCommand = { type: 'FailoverStorageAccount', ...ref, operationId, now };
const complete = (id = operationId): GeoFailoverCommand => ({ type: 'CompleteFailover', accountName: 'acct1', operationId: id, unreplicatedChanges: 3, lastSyncTime: live.lastSyncTime, now });

const stateOf = (history: DomainEvent[]) => history.reduce(evolve, initialState());

describe('failing a storage account over to its secondary region', () => {
  it('given a live RA-GRS account, asks for a failover to the paired region', () => {
    expect(decideGeoFailover(failover, stateOf([created()]), live)).toEqual([requested]);
  });

  it('refuses an account that is not geo-redundant, one already failing over, and one whose secondary cannot take over', () => {
    expect(errorCodeOf(() => decideGeoFailover(failover, stateOf([created('Standard_LRS')]), live))).toBe('FailoverNotSupported');
    expect(errorCodeOf(() => decideGeoFailover(failover, stateOf([created('Standard_ZRS')]), live))).toBe('FailoverNotSupported');
    expect(errorCodeOf(() => decideGeoFailover(failover, stateOf([created(), requested]), live))).toBe('FailoverInProgress');
    expect(errorCodeOf(() => decideGeoFailover(failover, stateOf([created()]), undefined))).toBe('LastSyncTimeUnavailable');
    expect(errorCodeOf(() => decideGeoFailover(failover, stateOf([created()]), { status: 'Bootstrap', canFailover: false, lastSyncTime: null }))).toBe('LastSyncTimeUnavailable');
    expect(errorCodeOf(() => decideGeoFailover({ ...failover, resourceGroup: 'other' }, stateOf([created()]), live))).toBe('ResourceNotFound');
  });

  it('completes the failover it asked for: LRS in the new region, with what was not replicated counted', () => {
    const [completed] = decideGeoFailover(complete(), stateOf([created(), requested]));
    expect(completed).toEqual({
      type: 'GeoFailoverCompleted',
      data: { ...ref, operationId, location: 'westus', sku: 'Standard_LRS', unreplicatedChanges: 3, lastSyncTime: live.lastSyncTime, completedAt: now.toISOString() },
    });
    const after = stateOf([created(), requested, completed]);
    expect(after).toMatchObject({ location: 'westus', sku: 'Standard_LRS', lastGeoFailoverTime: now.toISOString() });
    expect(after?.geoFailover).toBeUndefined();
  });

  it('completes nothing twice, nor an operation it does not know (a repeated report)', () => {
    const completed = decideGeoFailover(complete(), stateOf([created(), requested]));
    expect(decideGeoFailover(complete(), stateOf([created(), requested, ...completed]))).toEqual([]);
    expect(decideGeoFailover(complete('00000000-0000-4000-8000-000000000000'), stateOf([created(), requested]))).toEqual([]);
  });
});
