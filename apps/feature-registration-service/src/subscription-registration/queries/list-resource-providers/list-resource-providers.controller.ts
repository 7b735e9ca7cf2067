import { Controller, Get, Inject, Param } from '@nestjs/common';
import { PROVIDERS_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import { ListResourceProvidersHandler } from './list-resource-providers.handler';

@Controller(PROVIDERS_ROUTE)
export class ListResourceProvidersController {
  constructor(@Inject(ListResourceProvidersHandler) private readonly handler: ListResourceProvidersHandler) {}

  @Get()
  list(@Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string) {
    return this.handler.execute(subscriptionId);
  }
}
