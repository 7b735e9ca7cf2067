import { Inject, Injectable } from '@nestjs/common';
import { resolveFeature } from '../../domain/provider-catalog';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { featureResponse, type FeatureResponse } from '../../responses/feature.response';

/** Get-AzureRmProviderFeature: "Registered" means the subscription was approved. */
@Injectable()
export class GetFeatureHandler {
  constructor(@Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView) {}

  async execute(subscriptionId: string, namespace: string, featureName: string): Promise<FeatureResponse> {
    const feature = resolveFeature(namespace, featureName);
    return featureResponse(subscriptionId, feature, await this.view.find(subscriptionId));
  }
}
