import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import { evolve, initialState, resourceGroupStreamId } from '../../domain/resource-group';
import type { DeleteResourceGroup } from '../../domain/resource-group.commands';
import { decide } from '../../domain/resource-group.decide';
import { resourceGroupDeletionBlocked } from '../../domain/resource-group.errors';
import { ResourceGroupsView } from '../../projections/resource-group.view';

/**
 * Deletes an empty group. A group that still holds storage accounts is
 * refused (ResourceGroupDeletionBlocked, 409) rather than emptied: deleting
 * accounts is left to an explicit call per account, so no data goes by surprise.
 */
@Injectable()
export class DeleteResourceGroupHandler {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ResourceGroupsView) private readonly view: ResourceGroupsView,
  ) {}

  async execute(command: DeleteResourceGroup, metadata: EventMetadata): Promise<void> {
    await handleCommand(this.store, {
      streamId: resourceGroupStreamId(command.subscriptionId, command.name),
      initialState,
      evolve,
      decide: (current) => decide(command, current),
      now: command.now,
      metadata,
      project: async (_events, next, manager) => {
        const accounts = await this.view.lockAndListAccounts(manager, command.subscriptionId, command.name);
        if (accounts.length > 0) throw resourceGroupDeletionBlocked(command.name, accounts);
        await this.view.save(manager, command.subscriptionId, command.name, next);
      },
    });
  }
}
