import { Controller, Get, Inject, Param } from '@nestjs/common';
import { FEATURE_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import type { FeatureResponse } from '../../responses/feature.response';
import { GetFeatureHandler } from './get-feature.handler';

@Controller(FEATURE_ROUTE)
export class GetFeatureController {
  constructor(@Inject(GetFeatureHandler) private readonly handler: GetFeatureHandler) {}

  @Get()
  get(
    @Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string,
    @Param('namespace') namespace: string,
    @Param('featureName') featureName: string,
  ): Promise<FeatureResponse> {
    return this.handler.execute(subscriptionId, namespace, featureName);
  }
}
