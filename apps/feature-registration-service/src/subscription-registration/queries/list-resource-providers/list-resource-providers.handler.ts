import { Inject, Injectable } from '@nestjs/common';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { providerListResponse } from '../../responses/provider.response';

/** Every provider atrest knows (Microsoft.Features and Microsoft.Storage), with this subscription's state. */
@Injectable()
export class ListResourceProvidersHandler {
  constructor(@Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView) {}

  async execute(subscriptionId: string) {
    return providerListResponse(subscriptionId, await this.view.find(subscriptionId));
  }
}
