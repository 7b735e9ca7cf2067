import { Inject, Injectable } from '@nestjs/common';
import { resolveNamespace } from '../../domain/provider-catalog';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { providerResponse, type ProviderResponse } from '../../responses/provider.response';

@Injectable()
export class GetResourceProviderHandler {
  constructor(@Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView) {}

  async execute(subscriptionId: string, namespace: string): Promise<ProviderResponse> {
    const provider = resolveNamespace(namespace);
    return providerResponse(subscriptionId, provider, await this.view.find(subscriptionId));
  }
}
