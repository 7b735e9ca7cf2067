import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { RequestMetadata } from '../../edge/request-metadata.decorator';
import { OPERATOR_FEATURE_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import { ApproveFeatureRegistrationHandler } from './approve-feature-registration.handler';

/** Operator endpoint (the gateway exposes /operator/... to operator tokens only). */
@Controller(OPERATOR_FEATURE_ROUTE)
export class ApproveFeatureRegistrationController {
  constructor(@Inject(ApproveFeatureRegistrationHandler) private readonly handler: ApproveFeatureRegistrationHandler) {}

  @Post('approve')
  @HttpCode(200)
  approve(
    @Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string,
    @Param('namespace') namespace: string,
    @Param('featureName') featureName: string,
    @RequestMetadata() metadata: EventMetadata,
  ) {
    return this.handler.execute({ subscriptionId, namespace, featureName, metadata });
  }
}
