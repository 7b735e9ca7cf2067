import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ALL_FEATURES_ROUTE, NAMESPACE_FEATURES_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import { ListFeaturesHandler } from './list-features.handler';

@Controller()
export class ListFeaturesController {
  constructor(@Inject(ListFeaturesHandler) private readonly handler: ListFeaturesHandler) {}

  @Get(NAMESPACE_FEATURES_ROUTE)
  listOfNamespace(@Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string, @Param('namespace') namespace: string) {
    return this.handler.execute(subscriptionId, namespace);
  }

  @Get(ALL_FEATURES_ROUTE)
  listAll(@Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string) {
    return this.handler.execute(subscriptionId);
  }
}
