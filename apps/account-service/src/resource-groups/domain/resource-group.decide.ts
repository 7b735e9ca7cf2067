import { findRegion, type DomainEvent, type ResourceGroupEvent } from '@atrest/contracts';
import { sameTags } from '../../common/same-name';
import type { ResourceGroupState } from './resource-group';
import type { PutResourceGroup, ResourceGroupCommand } from './resource-group.commands';
import {
  invalidResourceGroupName,
  locationRequired,
  resourceGroupLocationChanged,
  resourceGroupLocationNotAvailable,
  resourceGroupNotFound,
} from './resource-group.errors';
import { exhaustive } from '../../common/exhaustive';

const NAME_CHARACTERS = /^[-\p{L}\p{N}_.()]+$/u;

/** ARM's rule: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in a period. */
export const assertValidResourceGroupName = (name: string): void => {
  if (name.length < 1 || name.length > 90) throw invalidResourceGroupName(name, 'it must be 1 to 90 characters long.');
  if (!NAME_CHARACTERS.test(name))
    throw invalidResourceGroupName(name, "the name can only be a letter, digit, '-', '.', '(', ')' or '_'.");
  if (name.endsWith('.')) throw invalidResourceGroupName(name, 'the name cannot end with a period.');
};

const put = (command: PutResourceGroup, state: ResourceGroupState): ResourceGroupEvent[] => {
  if (!state) assertValidResourceGroupName(command.name);
  if (command.location === undefined) throw locationRequired();
  const region = findRegion(command.location);
  if (!state) {
    if (!region) throw resourceGroupLocationNotAvailable(command.location);
    const data = {
      subscriptionId: command.subscriptionId,
      resourceGroup: command.name,
      location: region.name,
      tags: { ...command.tags },
      createdAt: command.now.toISOString(),
    };
    return [{ type: 'ResourceGroupCreated', data }];
  }
  if (region?.name !== state.location) throw resourceGroupLocationChanged(command.location, state.location);
  if (command.tags === undefined || sameTags(command.tags, state.tags)) return [];
  const data = { subscriptionId: state.subscriptionId, resourceGroup: state.name, tags: { ...command.tags }, updatedAt: command.now.toISOString() };
  return [{ type: 'ResourceGroupUpdated', data }];
};

/** Pure: the events a command produces on a group, or a DomainError. */
export const decide = (command: ResourceGroupCommand, state: ResourceGroupState): DomainEvent[] => {
  switch (command.type) {
    case 'PutResourceGroup':
      return put(command, state);
    case 'DeleteResourceGroup': {
      if (!state) throw resourceGroupNotFound(command.name);
      return [{ type: 'ResourceGroupDeleted', data: { subscriptionId: state.subscriptionId, resourceGroup: state.name, deletedAt: command.now.toISOString() } }];
    }
    default:
      return exhaustive(command, 'resource group command');
  }
};
