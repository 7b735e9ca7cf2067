import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { RequestMetadata } from '../../edge/request-metadata.decorator';
import { FEATURE_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import type { FeatureResponse } from '../../responses/feature.response';
import { RegisterFeatureHandler } from './register-feature.handler';

@Controller(FEATURE_ROUTE)
export class RegisterFeatureController {
  constructor(@Inject(RegisterFeatureHandler) private readonly handler: RegisterFeatureHandler) {}

  @Post('register')
  @HttpCode(200)
  register(
    @Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string,
    @Param('namespace') namespace: string,
    @Param('featureName') featureName: string,
    @RequestMetadata() metadata: EventMetadata,
  ): Promise<FeatureResponse> {
    return this.handler.execute({ subscriptionId, namespace, featureName, metadata });
  }
}
