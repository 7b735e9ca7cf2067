import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import { evolve, initialState, resourceGroupStreamId, type ResourceGroup } from '../../domain/resource-group';
import type { PutResourceGroup } from '../../domain/resource-group.commands';
import { decide } from '../../domain/resource-group.decide';
import { ResourceGroupsView } from '../../projections/resource-group.view';

@Injectable()
export class PutResourceGroupHandler {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ResourceGroupsView) private readonly view: ResourceGroupsView,
  ) {}

  /** Creates or updates the group; `created` tells ARM's 201 from 200. */
  async execute(command: PutResourceGroup, metadata: EventMetadata): Promise<{ group: ResourceGroup; created: boolean }> {
    const { state, events } = await handleCommand(this.store, {
      streamId: resourceGroupStreamId(command.subscriptionId, command.name),
      initialState,
      evolve,
      decide: (current) => decide(command, current),
      now: command.now,
      metadata,
      project: (_events, next, manager) => this.view.save(manager, command.subscriptionId, command.name, next),
    });
    return { group: state!, created: events.some((e) => e.type === 'ResourceGroupCreated') };
  }
}
