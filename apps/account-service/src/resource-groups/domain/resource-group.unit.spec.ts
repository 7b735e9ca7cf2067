import type { DomainEvent } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import { evolve, initialState, resourceGroupStreamId } from './resource-group';
import type { ResourceGroupCommand } from './resource-group.commands';
import { decide } from './resource-group.decide';

const now = new Date('2026-12-01T10:00:00.000Z');
const sub = 'sub-1';
const created: DomainEvent = {
  type: 'ResourceGroupCreated',
  data: { subscriptionId: sub, resourceGroup: 'Web-RG', location: 'eastus', tags: { env: 'dev' }, createdAt: now.toISOString() },
};

const when = (history: DomainEvent[], command: ResourceGroupCommand) => decide(command, history.reduce(evolve, initialState()));
const put = (over: Partial<Extract<ResourceGroupCommand, { type: 'PutResourceGroup' }>> = {}): ResourceGroupCommand => ({
  type: 'PutResourceGroup',
  subscriptionId: sub,
  name: 'Web-RG',
  location: 'East US',
  now,
  ...over,
});

describe('resource group: decide and evolve', () => {
  it('creates a group in a catalog region, answering the region by name', () => {
    expect(when([], put({ tags: { env: 'dev' } }))).toEqual([created]);
  });

  it('is idempotent on a repeated PUT and records tag changes only', () => {
    expect(when([created], put({ location: 'eastus' }))).toEqual([]);
    expect(when([created], put({ name: 'web-rg', tags: { env: 'dev' } }))).toEqual([]);
    expect(when([created], put({ tags: { env: 'prod' } }))).toEqual([
      { type: 'ResourceGroupUpdated', data: { subscriptionId: sub, resourceGroup: 'Web-RG', tags: { env: 'prod' }, updatedAt: now.toISOString() } },
    ]);
  });

  it('refuses bad names, missing or unknown locations and a location change', () => {
    expect(errorCodeOf(() => when([], put({ name: 'bad name!' })))).toBe('InvalidResourceGroup');
    expect(errorCodeOf(() => when([], put({ name: 'ends.' })))).toBe('InvalidResourceGroup');
    expect(errorCodeOf(() => when([], put({ name: 'x'.repeat(91) })))).toBe('InvalidResourceGroup');
    expect(errorCodeOf(() => when([], put({ location: undefined })))).toBe('LocationRequired');
    expect(errorCodeOf(() => when([], put({ location: 'mars' })))).toBe('LocationNotAvailableForResourceGroup');
    expect(errorCodeOf(() => when([created], put({ location: 'westus' })))).toBe('InvalidResourceGroupLocation');
  });

  it('deletes an existing group; a missing one is ResourceGroupNotFound; a deleted name can be created again', () => {
    const deleted = { type: 'ResourceGroupDeleted', data: { subscriptionId: sub, resourceGroup: 'Web-RG', deletedAt: now.toISOString() } };
    expect(when([created], { type: 'DeleteResourceGroup', subscriptionId: sub, name: 'WEB-rg', now })).toEqual([deleted]);
    expect(errorCodeOf(() => when([], { type: 'DeleteResourceGroup', subscriptionId: sub, name: 'nope', now }))).toBe('ResourceGroupNotFound');
    expect(when([created, deleted], put({ tags: { env: 'dev' } }))).toEqual([created]);
  });

  it('folds events into the group and names its stream case-insensitively', () => {
    expect([created].reduce(evolve, initialState())).toEqual({ subscriptionId: sub, name: 'Web-RG', location: 'eastus', tags: { env: 'dev' } });
    expect(resourceGroupStreamId('SUB-1', 'Web-RG')).toBe(resourceGroupStreamId('sub-1', 'web-rg'));
  });
});
