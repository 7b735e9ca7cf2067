import { Inject, Injectable } from '@nestjs/common';
import type { FeatureState } from '../../domain/subscription-registration';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { featureRegistrationResponse } from '../../responses/feature-registration.response';

/** What waits for (or went through) approval, oldest request first: the operators' work list. */
@Injectable()
export class ListFeatureRegistrationsHandler {
  constructor(@Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView) {}

  async execute(filter: { state?: FeatureState; top: number }) {
    const records = await this.view.list(filter);
    return { value: records.map((r) => featureRegistrationResponse(r.subscriptionId, r.registration)) };
  }
}
