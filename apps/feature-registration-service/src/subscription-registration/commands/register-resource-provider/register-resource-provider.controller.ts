import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { RequestMetadata } from '../../edge/request-metadata.decorator';
import { PROVIDER_ROUTE } from '../../edge/routes';
import { SubscriptionIdPipe } from '../../edge/subscription-id.pipe';
import type { ProviderResponse } from '../../responses/provider.response';
import { RegisterResourceProviderHandler } from './register-resource-provider.handler';

@Controller(PROVIDER_ROUTE)
export class RegisterResourceProviderController {
  constructor(@Inject(RegisterResourceProviderHandler) private readonly handler: RegisterResourceProviderHandler) {}

  @Post('register')
  @HttpCode(200)
  register(
    @Param('subscriptionId', SubscriptionIdPipe) subscriptionId: string,
    @Param('namespace') namespace: string,
    @RequestMetadata() metadata: EventMetadata,
  ): Promise<ProviderResponse> {
    return this.handler.execute({ subscriptionId, namespace, metadata });
  }
}
