import { Controller, Get, Inject, Param } from '@nestjs/common';
import { PROVIDER_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import type { ProviderResponse } from '../../responses/provider.response';
import { GetResourceProviderHandler } from './get-resource-provider.handler';

@Controller(PROVIDER_ROUTE)
export class GetResourceProviderController {
  constructor(@Inject(GetResourceProviderHandler) private readonly handler: GetResourceProviderHandler) {}

  @Get()
  get(@Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string, @Param('namespace') namespace: string): Promise<ProviderResponse> {
    return this.handler.execute(subscriptionId, namespace);
  }
}
