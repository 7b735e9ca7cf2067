import { topicOf, validateEventData } from './catalogue';
import { Topics } from '../topics/topics';

const ref = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: 'acct1' };
const operationId = '7f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f60';

describe('geo-replication events', () => {
  it('puts the failover steps on the account stream topic and the replicator reports on atrest.replication', () => {
    expect(topicOf('GeoFailoverRequested')).toBe(Topics.accounts);
    expect(topicOf('GeoFailoverCompleted')).toBe(Topics.accounts);
    expect(topicOf('GeoReplicationProgressed')).toBe(Topics.replication);
    expect(topicOf('FailoverReplicaPrepared')).toBe(Topics.replication);
  });

  it('accepts a progress report with or without a last sync time, and refuses an unknown status', () => {
    const progressed = {
      accountName: 'acct1',
      incarnation: 1,
      primaryLocation: 'eastus',
      secondaryLocation: 'westus',
      status: 'Live',
      lastSyncTime: '2026-12-04T10:00:00.000Z',
      canFailover: true,
      pendingChanges: 0,
      reportedAt: '2026-12-04T10:00:01.000Z',
    };
    expect(validateEventData('GeoReplicationProgressed', 1, progressed)).toEqual(progressed);
    expect(validateEventData('GeoReplicationProgressed', 1, { ...progressed, status: 'Bootstrap', lastSyncTime: null })).toMatchObject({ lastSyncTime: null });
    expect(() => validateEventData('GeoReplicationProgressed', 1, { ...progressed, status: 'live' })).toThrow(/status/);
  });

  it('counts unreplicated changes at failover and names at most 100 of them', () => {
    const prepared = {
      accountName: 'acct1',
      operationId,
      unreplicatedChanges: 2,
      unreplicatedStreams: ['Blob-acct1/box/a', 'Container-acct1/other'],
      countedFrom: 'stores',
      lastSyncTime: null,
      preparedAt: '2026-12-04T10:00:00.000Z',
    };
    expect(validateEventData('FailoverReplicaPrepared', 1, prepared)).toEqual(prepared);
    expect(() => validateEventData('FailoverReplicaPrepared', 1, { ...prepared, unreplicatedStreams: Array(101).fill('Blob-x/y/z') })).toThrow(/unreplicatedStreams/);
    expect(() => validateEventData('FailoverReplicaPrepared', 1, { ...prepared, unreplicatedChanges: -1 })).toThrow(/unreplicatedChanges/);
  });

  it('makes the account Standard_LRS in the new location on completion, nothing else', () => {
    const completed = {
      ...ref,
      operationId,
      location: 'westus',
      sku: 'Standard_LRS',
      unreplicatedChanges: 0,
      lastSyncTime: '2026-12-04T10:00:00.000Z',
      completedAt: '2026-12-04T10:00:02.000Z',
    };
    expect(validateEventData('GeoFailoverCompleted', 1, completed)).toEqual(completed);
    expect(() => validateEventData('GeoFailoverCompleted', 1, { ...completed, sku: 'Standard_GRS' })).toThrow(/sku/);
    expect(validateEventData('GeoFailoverRequested', 1, { ...ref, operationId, fromLocation: 'eastus', toLocation: 'westus', requestedAt: completed.completedAt })).toMatchObject({
      toLocation: 'westus',
    });
  });
});
