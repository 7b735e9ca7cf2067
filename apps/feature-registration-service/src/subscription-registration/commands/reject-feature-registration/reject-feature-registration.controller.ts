import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { parseRequest } from '../../edge/parse-request';
import { RequestMetadata } from '../../edge/request-metadata.decorator';
import { OPERATOR_FEATURE_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import { RejectFeatureRegistrationHandler } from './reject-feature-registration.handler';
import { rejectFeatureRegistrationSchema } from './reject-feature-registration.schema';

/** Operator endpoint (the gateway exposes /operator/... to operator tokens only). */
@Controller(OPERATOR_FEATURE_ROUTE)
export class RejectFeatureRegistrationController {
  constructor(@Inject(RejectFeatureRegistrationHandler) private readonly handler: RejectFeatureRegistrationHandler) {}

  @Post('reject')
  @HttpCode(200)
  reject(
    @Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string,
    @Param('namespace') namespace: string,
    @Param('featureName') featureName: string,
    @Body() body: unknown,
    @RequestMetadata() metadata: EventMetadata,
  ) {
    const { reason } = parseRequest(rejectFeatureRegistrationSchema, body, 'InvalidRequestContent');
    return this.handler.execute({ subscriptionId, namespace, featureName, metadata, reason });
  }
}
