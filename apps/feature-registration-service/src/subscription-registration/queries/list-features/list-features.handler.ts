import { Inject, Injectable } from '@nestjs/common';
import { featuresOf, providerNamespaces, resolveNamespace } from '../../domain/provider-catalog';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { featureListResponse } from '../../responses/feature.response';

/** Preview features of one namespace, or of every namespace when none is given. */
@Injectable()
export class ListFeaturesHandler {
  constructor(@Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView) {}

  async execute(subscriptionId: string, namespace?: string) {
    const namespaces = namespace === undefined ? providerNamespaces : [resolveNamespace(namespace)];
    return featureListResponse(subscriptionId, namespaces.flatMap(featuresOf), await this.view.find(subscriptionId));
  }
}
