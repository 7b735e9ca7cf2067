import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { FeatureRegistrationsProjection } from './feature-registrations.projection';
import { FeatureRegistrationsView } from './feature-registrations.view';

/** What account-service knows of subscriptions: their preview feature registrations. */
@Module({
  providers: [FeatureRegistrationsView, ...provideEventSubscriber(FeatureRegistrationsProjection)],
  exports: [FeatureRegistrationsView],
})
export class SubscriptionsModule {}
