import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@atrest/event-store';
import { DeleteResourceGroupController } from './commands/delete-resource-group/delete-resource-group.controller';
import { DeleteResourceGroupHandler } from './commands/delete-resource-group/delete-resource-group.handler';
import { PutResourceGroupController } from './commands/put-resource-group/put-resource-group.controller';
import { PutResourceGroupHandler } from './commands/put-resource-group/put-resource-group.handler';
import { ResourceGroupsView } from './projections/resource-group.view';
import { GetResourceGroupController } from './queries/get-resource-group/get-resource-group.controller';
import { GetResourceGroupHandler } from './queries/get-resource-group/get-resource-group.handler';
import { ListResourceGroupsController } from './queries/list-resource-groups/list-resource-groups.controller';

/** Resource groups: the containers storage accounts need. Exports the store and the view to storage accounts. */
@Module({
  controllers: [PutResourceGroupController, DeleteResourceGroupController, GetResourceGroupController, ListResourceGroupsController],
  providers: [
    { provide: EventStore, useFactory: (db: DataSource) => new EventStore(db), inject: [DataSource] },
    ResourceGroupsView,
    PutResourceGroupHandler,
    DeleteResourceGroupHandler,
    GetResourceGroupHandler,
  ],
  exports: [EventStore, ResourceGroupsView, PutResourceGroupHandler, GetResourceGroupHandler],
})
export class ResourceGroupsModule {}
