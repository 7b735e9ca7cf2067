import type { ResourceGroup } from './domain/resource-group';

/** A group as @azure/arm-resources reads it. Groups are created synchronously, so always Succeeded. */
export const toArmResourceGroup = (group: ResourceGroup) => ({
  id: `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}`,
  name: group.name,
  type: 'Microsoft.Resources/resourceGroups',
  location: group.location,
  tags: group.tags,
  properties: { provisioningState: 'Succeeded' },
});
