import { Inject, Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type FeatureEvent } from '@atrest/contracts';
import type { EventHandler, EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';
import { FeatureRegistrationsView } from './feature-registrations.view';

type FeatureData = Extract<FeatureEvent, { type: 'FeatureRegistered' }>['data'];

/**
 * account-service's own copy of feature registration state, fed by
 * atrest.features (never by calling feature-registration-service). Events of
 * one subscription share a stream, hence a partition, so they arrive in order.
 * Only the approval keeps a time: the rule "account created before approval" needs it.
 */
@Injectable()
export class FeatureRegistrationsProjection implements EventSubscriber {
  readonly groupId = 'account-service.feature-registrations';
  readonly topics = [Topics.features];
  readonly handlers: Record<string, EventHandler>;

  constructor(@Inject(FeatureRegistrationsView) view: FeatureRegistrationsView) {
    const recordAs =
      (state: string, approved = false): EventHandler =>
      (event: EventEnvelope, manager: EntityManager) => {
        const data = event.data as FeatureData;
        return view.record(manager, data, state, approved ? data.at : null);
      };
    this.handlers = {
      FeatureRegistrationRequested: recordAs('Pending'),
      FeatureRegistered: recordAs('Registered', true),
      FeatureRegistrationRejected: recordAs('NotRegistered'),
      FeatureUnregistered: recordAs('Unregistered'),
    };
  }
}
